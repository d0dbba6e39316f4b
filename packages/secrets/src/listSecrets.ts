import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { SecretListResponseSchema } from './models.ts';
import type { SecretListResponse } from './models.ts';

/**
 * The names of an agent's secrets (never their values). `GET /secrets/{agent_id}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const { secrets } = await listSecrets(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427');
 * console.log(secrets); // ['api_key', ...]
 * ```
 * @param agentId The agent's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listSecrets(ctx: Context, agentId: string, options?: CallOptions): Promise<SecretListResponse> {
  return call(ctx, { name: 'listSecrets', method: 'GET', path: '/secrets/{agent_id}', params: [agentId], output: SecretListResponseSchema }, options);
}
