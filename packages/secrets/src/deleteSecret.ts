import type { CallOptions, Context } from '@symbiont/core';
import { anyObject, call } from '@symbiont/core/kernel';

/**
 * Delete one secret of an agent. `DELETE /secrets/{agent_id}/{secret_name}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await deleteSecret(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', 'api_key');
 * ```
 * @param agentId The agent's id.
 * @param secretName The secret's name.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deleteSecret(ctx: Context, agentId: string, secretName: string, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'deleteSecret', method: 'DELETE', path: '/secrets/{agent_id}/{secret_name}', params: [agentId, secretName], output: anyObject }, options);
}
