import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentOperationResponseSchema, AgentUpdateRequestSchema } from './models.ts';
import type { AgentOperationResponse, AgentUpdateRequest } from './models.ts';

/**
 * Update an agent's name or DSL. `PUT /agents/{agent_id}`.
 *
 * @example
 * ```ts
 * await updateAgent(ctx, 'my-agent', { name: 'Renamed' });
 * ```
 * @param agentId The agent's id.
 * @param update The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function updateAgent(ctx: Context, agentId: string, update: AgentUpdateRequest, options?: CallOptions): Promise<AgentOperationResponse> {
  return call(ctx, { name: 'updateAgent', method: 'PUT', path: '/agents/{agent_id}', params: [agentId], body: update, input: AgentUpdateRequestSchema, output: AgentOperationResponseSchema }, options);
}
