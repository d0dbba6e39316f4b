import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { SecretValueSchema } from './models.ts';

/**
 * The value of one secret of an agent. `GET /secrets/{agent_id}/{secret_name}`; resolves to the
 * body's `value` string.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const apiKey = await getSecret(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', 'api_key');
 * ```
 * @param agentId The agent's id.
 * @param secretName The secret's name.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getSecret(ctx: Context, agentId: string, secretName: string, options?: CallOptions): Promise<string> {
  return call(ctx, { name: 'getSecret', method: 'GET', path: '/secrets/{agent_id}/{secret_name}', params: [agentId, secretName], output: SecretValueSchema, sensitive: true }, options).then((body) => body.value);
}
