import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentHistoryResponseSchema } from './models.ts';
import type { AgentHistoryResponse } from './models.ts';

/**
 * Past executions of an agent. `GET /agents/{agent_id}/history`.
 *
 * @example
 * ```ts
 * const { history } = await getAgentHistory(ctx, 'agent-123');
 * ```
 * @param agentId The agent's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentHistory(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentHistoryResponse> {
  return call(ctx, { name: 'getAgentHistory', method: 'GET', path: '/agents/{agent_id}/history', params: [agentId], output: AgentHistoryResponseSchema }, options);
}
