import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentOperationResponseSchema } from './models.ts';
import type { AgentOperationResponse } from './models.ts';

/**
 * Delete an agent. `DELETE /agents/{agent_id}`.
 *
 * @example
 * ```ts
 * await deleteAgent(ctx, 'my-agent');
 * ```
 * @param agentId The agent's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deleteAgent(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentOperationResponse> {
  return call(ctx, { name: 'deleteAgent', method: 'DELETE', path: '/agents/{agent_id}', params: [agentId], output: AgentOperationResponseSchema }, options);
}
