import * as v from 'valibot';
import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { AgentDeployResponseSchema } from './models.ts';
import type { AgentDeployResponse } from './models.ts';

/**
 * Every deployment, or one agent's. `GET /agents/deployments?agent_id=` (the query is sent only
 * when `agentId` is given).
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const all = await listAgentDeployments(ctx);
 * const mine = await listAgentDeployments(ctx, 'webhook_handler');
 * ```
 * @param agentId Only this agent's deployments.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listAgentDeployments(ctx: Context, agentId?: string, options?: CallOptions): Promise<AgentDeployResponse[]> {
  return call(ctx, { name: 'listAgentDeployments', method: 'GET', path: '/agents/deployments', query: { agent_id: agentId }, output: v.array(AgentDeployResponseSchema) }, options);
}
