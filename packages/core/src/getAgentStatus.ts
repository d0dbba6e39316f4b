import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentStatusResponseSchema } from './models.ts';
import type { AgentStatusResponse } from './models.ts';

/**
 * The state and resource usage of one agent; for an external agent also its `metadata`,
 * `last_result` and `recent_events`. `GET /agents/{agent_id}/status`. An unknown agent is a
 * `NotFoundError` (`code: 'AGENT_NOT_FOUND'`).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const status = await getAgentStatus(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427');
 * console.log(status.state, status.execution_mode, status.resource_usage.memory_bytes);
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentStatus(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentStatusResponse> {
  return call(ctx, { name: 'getAgentStatus', method: 'GET', path: '/agents/{agent_id}/status', params: [agentId], output: AgentStatusResponseSchema }, options);
}
