import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentMetricsSchema } from './models.ts';
import type { AgentMetrics } from './models.ts';

/**
 * Metrics of one agent. `GET /agents/{agent_id}/metrics`.
 * **Not served by the open-source Symbiont runtime**: it answers 404 with an empty body, a
 * `NotFoundError` saying this runtime does not serve the route. This is the Enterprise / hosted
 * API described by the reference SDK.
 *
 * @example
 * ```ts
 * const m = await getAgentMetrics(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427');
 * console.log(m.tasks_completed, m.average_response_time_ms);
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentMetrics(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentMetrics> {
  return call(ctx, { name: 'getAgentMetrics', method: 'GET', path: '/agents/{agent_id}/metrics', params: [agentId], output: AgentMetricsSchema }, options);
}
