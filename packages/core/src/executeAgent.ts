import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentExecutionResponseSchema } from './models.ts';
import type { AgentExecutionResponse } from './models.ts';

/**
 * Start a run of an agent. `POST /agents/{agent_id}/execute` with the body `{}` (the runtime
 * takes no input: its request type is an empty struct); answers `status: "execution_started"`.
 * An unknown agent is an `APIError` 500 `AGENT_EXECUTION_FAILED`.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const run = await executeAgent(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427');
 * console.log(run.execution_id, run.status);
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function executeAgent(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentExecutionResponse> {
  return call(ctx, { name: 'executeAgent', method: 'POST', path: '/agents/{agent_id}/execute', params: [agentId], body: {}, output: AgentExecutionResponseSchema }, options);
}
