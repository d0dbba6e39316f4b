import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentOperationResponseSchema, CreateAgentRequestSchema } from './models.ts';
import type { AgentOperationResponse, CreateAgentRequest } from './models.ts';

/**
 * Create an agent from its DSL source. `POST /agents` (admin key); answers the new agent's UUID
 * with `status: "scheduled"`. `dsl` is required and non-empty unless `execution_mode` is
 * `External` (checked before sending: the runtime would answer 500 `AGENT_CREATION_FAILED`).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const { id } = await createAgent(ctx, {
 *   name: 'summariser',
 *   dsl: 'agent summariser { name: "Summariser" }',
 *   execution_mode: { CronScheduled: { cron_expression: '0 0 9 * * *', timezone: 'UTC' } },
 *   capabilities: ['summarise'],
 * });
 * ```
 * @param request The agent: `name`, `dsl`, and optionally `execution_mode`, `capabilities`, `metadata`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function createAgent(ctx: Context, request: CreateAgentRequest, options?: CallOptions): Promise<AgentOperationResponse> {
  return call(ctx, { name: 'createAgent', method: 'POST', path: '/agents', body: request, input: CreateAgentRequestSchema, output: AgentOperationResponseSchema }, options);
}
