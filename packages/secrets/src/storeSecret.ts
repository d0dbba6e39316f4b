import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { SecretRequestSchema, SecretResponseSchema } from './models.ts';
import type { SecretRequest, SecretResponse } from './models.ts';

/**
 * Store (or replace) a secret of an agent. `POST /secrets`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const stored = await storeSecret(ctx, {
 *   agent_id: '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', secret_name: 'api_key', secret_value: 'secret_value_here',
 *   description: 'API key for external service',
 * });
 * console.log(stored.secret_name, stored.created_at);
 * ```
 * @param request The agent, the secret's name, its value and an optional description.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function storeSecret(ctx: Context, request: SecretRequest, options?: CallOptions): Promise<SecretResponse> {
  return call(ctx, { name: 'storeSecret', method: 'POST', path: '/secrets', body: request, input: SecretRequestSchema, output: SecretResponseSchema }, options);
}
