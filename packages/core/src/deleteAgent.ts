import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { AgentOperationResponseSchema } from './models.ts';
import type { AgentOperationResponse } from './models.ts';

/**
 * Delete an agent. `DELETE /agents/{agent_id}` (admin key); answers `status: "deleted"`. An unknown
 * agent is an `APIError` 500 `AGENT_DELETION_FAILED`, not retried.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * await deleteAgent(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427');
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deleteAgent(ctx: Context, agentId: string, options?: CallOptions): Promise<AgentOperationResponse> {
  return call(ctx, { name: 'deleteAgent', method: 'DELETE', path: '/agents/{agent_id}', params: [agentId], output: AgentOperationResponseSchema }, options);
}
