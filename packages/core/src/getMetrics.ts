import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { RuntimeMetricsSchema } from './models.ts';
import type { RuntimeMetrics } from './models.ts';

/**
 * Runtime-wide metrics: agent counts by state and process figures. `GET /metrics` (admin key).
 * Unknown fields are kept: the runtime builds this object freely and may add more.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const { agents, system } = await getMetrics(ctx);
 * console.log(`${agents.running} of ${agents.total} agents running, up ${system.uptime_seconds} s`);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getMetrics(ctx: Context, options?: CallOptions): Promise<RuntimeMetrics> {
  return call(ctx, { name: 'getMetrics', method: 'GET', path: '/metrics', output: RuntimeMetricsSchema }, options);
}
