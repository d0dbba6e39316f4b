import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentHistoryResponseSchema } from './models.ts';
import type { AgentHistoryResponse } from './models.ts';

/**
 * An agent's newest 100 history entries (`created`, `execution_started`, `workflow_started`).
 * `GET /agents/{agent_id}/history`; an unknown agent gives `{ history: [] }`.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const { history } = await getAgentHistory(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427');
 * for (const entry of history) console.log(entry.timestamp.toISOString(), entry.status);
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAgentHistory(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentHistoryResponse> {
  return call(ctx, { name: 'getAgentHistory', method: 'GET', path: '/agents/{agent_id}/history', params: [agentId], output: AgentHistoryResponseSchema }, options);
}
