import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { SchedulerHealthSchema, type SchedulerHealth } from './models.ts';

/**
 * The cron scheduler's health and run counters. `GET /health/scheduler`. Admin only.
 *
 * Served by the open-source runtime; without a cron scheduler it answers `is_running: false`,
 * `store_accessible: false` and zero counts.
 *
 * @example
 * ```ts
 * const health = await getSchedulerHealth(ctx);
 * console.log(health.is_running, `${health.jobs_active}/${health.jobs_total} active`, health.runs_failed);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getSchedulerHealth(ctx: Context, options?: CallOptions): Promise<SchedulerHealth> {
  return call(ctx, { name: 'getSchedulerHealth', method: 'GET', path: '/health/scheduler', output: SchedulerHealthSchema }, options);
}
