import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { SystemMetricsSchema } from './models.ts';
import type { SystemMetrics } from './models.ts';

/**
 * System-wide metrics. `GET /metrics`.
 *
 * @example
 * ```ts
 * const metrics = await getMetrics(ctx);
 * console.log(`${metrics.active_agents} of ${metrics.total_agents} agents active`);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getMetrics(ctx: Context, options?: CallOptions): Promise<SystemMetrics> {
  return call(ctx, { name: 'getMetrics', method: 'GET', path: '/metrics', output: SystemMetricsSchema }, options);
}
