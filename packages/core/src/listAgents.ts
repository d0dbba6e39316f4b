import * as v from 'valibot';
import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';

/**
 * The ids of every agent. `GET /agents`.
 *
 * @example
 * ```ts
 * const ids = await listAgents(ctx);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listAgents(ctx: Context, options?: CallOptions): Promise<string[]> {
  return call(ctx, { name: 'listAgents', method: 'GET', path: '/agents', output: v.array(v.string()) }, options);
}
