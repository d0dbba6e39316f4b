import type { CallOptions, Context } from '@symbiont/core';
import { anyObject, call } from '@symbiont/core/kernel';
import { SecretBackendConfigSchema } from './models.ts';
import type { SecretBackendConfig } from './models.ts';

/**
 * Choose and configure where the runtime keeps secrets. `POST /secrets/config`.
 *
 * Checked before anything is sent: `vault` needs `vault_config` with a `url`; auth `token` needs
 * `token`, `approle` needs `role_id` and `secret_id`, `kubernetes` needs `kubernetes_role`,
 * `aws_iam` needs `aws_role`; `encrypted_file` needs `file_path`. A missing field is a
 * `ValidationError` naming it. Credentials never appear in an error or a log line.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await configureSecretBackend(ctx, {
 *   backend_type: SecretBackendType.VAULT,
 *   vault_config: { url: 'https://vault.example.com', auth_method: VaultAuthMethod.TOKEN, token: 'hvs.abc123' },
 * });
 * ```
 * @param config The backend and its settings.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function configureSecretBackend(ctx: Context, config: SecretBackendConfig, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'configureSecretBackend', method: 'POST', path: '/secrets/config', body: config, input: SecretBackendConfigSchema, output: anyObject }, options);
}
