import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentOperationResponseSchema, AgentUpdateRequestSchema } from './models.ts';
import type { AgentOperationResponse, AgentUpdateRequest } from './models.ts';

/**
 * Change an agent's name or DSL. `PUT /agents/{agent_id}` (admin key); answers `status: "updated"`.
 * At least one of `name` and `dsl` must be given, each non-empty (checked before sending). An
 * unknown agent is an `APIError` 500 `AGENT_UPDATE_FAILED`, not retried.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * await updateAgent(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', { name: 'Renamed' });
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param update `{ name?, dsl? }`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function updateAgent(ctx: Context, agentId: string, update: AgentUpdateRequest, options?: CallOptions): Promise<AgentOperationResponse> {
  return call(ctx, { name: 'updateAgent', method: 'PUT', path: '/agents/{agent_id}', params: [agentId], body: update, input: AgentUpdateRequestSchema, output: AgentOperationResponseSchema }, options);
}
