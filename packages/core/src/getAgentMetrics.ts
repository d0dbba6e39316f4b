import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentMetricsSchema } from './models.ts';
import type { AgentMetrics } from './models.ts';

/**
 * Metrics of one agent. `GET /agents/{agent_id}/metrics`.
 *
 * @example
 * ```ts
 * const m = await getAgentMetrics(ctx, 'agent-123');
 * console.log(m.tasks_completed, m.average_response_time_ms);
 * ```
 * @param agentId The agent's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentMetrics(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentMetrics> {
  return call(ctx, { name: 'getAgentMetrics', method: 'GET', path: '/agents/{agent_id}/metrics', params: [agentId], output: AgentMetricsSchema }, options);
}
