import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import * as v from 'valibot';
import { AgentSummarySchema } from './models.ts';
import type { AgentSummary } from './models.ts';

/**
 * Every agent, as `{ id, name, state }`. `GET /agents` (a scoped key sees only its own agents).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * for (const agent of await listAgents(ctx)) console.log(agent.id, agent.name, agent.state);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listAgents(ctx: Context, options?: CallOptions): Promise<AgentSummary[]> {
  return call(ctx, { name: 'listAgents', method: 'GET', path: '/agents', output: v.array(AgentSummarySchema) }, options);
}
