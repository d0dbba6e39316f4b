import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { anyObject } from './kernel/schemas.ts';
import { AgentExecutionResponseSchema } from './models.ts';
import type { AgentExecutionResponse } from './models.ts';

/**
 * Run an agent. `POST /agents/{agent_id}/execute` with `body` (default `{}`).
 *
 * @example
 * ```ts
 * const run = await executeAgent(ctx, 'agent-123');
 * console.log(run.execution_id, run.status);
 * ```
 * @param agentId The agent's id.
 * @param input The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function executeAgent(ctx: Context, agentId: string, input: Record<string, unknown> = {}, options?: CallOptions): Promise<AgentExecutionResponse> {
  return call(ctx, { name: 'executeAgent', method: 'POST', path: '/agents/{agent_id}/execute', params: [agentId], body: input, input: anyObject, output: AgentExecutionResponseSchema }, options);
}
