import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentStatusResponseSchema } from './models.ts';
import type { AgentStatusResponse } from './models.ts';

/**
 * The state and resource usage of one agent. `GET /agents/{agent_id}/status`.
 *
 * @example
 * ```ts
 * const status = await getAgentStatus(ctx, 'agent-123');
 * console.log(status.state, status.resource_usage.memory_bytes);
 * ```
 * @param agentId The agent's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentStatus(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentStatusResponse> {
  return call(ctx, { name: 'getAgentStatus', method: 'GET', path: '/agents/{agent_id}/status', params: [agentId], output: AgentStatusResponseSchema }, options);
}
