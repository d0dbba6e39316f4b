/**
 * `@symbiont/secrets`: Secrets management: Vault, encrypted file and OS keychain backends.
 *
 * Secret values, Vault tokens, `secret_id` and `encryption_key` are credentials: they never
 * appear in an error's message or fields, its `inspect`/`JSON.stringify` output, or a log line.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API): on the open-source
 * runtime v1.19 these routes answer 404 with an empty body, a `NotFoundError` saying the runtime
 * does not serve the route. The mock runtime serves them unless started with `enterprise: false`.
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
