/**
 * `@symbiont/secrets`: Secrets management: Vault, encrypted file and OS keychain backends.
 *
 * Secret values, Vault tokens, `secret_id` and `encryption_key` are credentials: they never
 * appear in an error's message or fields, its `inspect`/`JSON.stringify` output, or a log line.
 *
 * @packageDocumentation
 */
export { configureSecretBackend } from './configureSecretBackend.ts';
export { storeSecret } from './storeSecret.ts';
export { getSecret } from './getSecret.ts';
export { listSecrets } from './listSecrets.ts';
export { deleteSecret } from './deleteSecret.ts';
export {
  SecretBackendType,
  VaultAuthMethod,
  type SecretBackendConfig,
  type SecretListResponse,
  type SecretRequest,
  type SecretResponse,
  type SecretValueResponse,
  type VaultConfig,
} from './models.ts';
