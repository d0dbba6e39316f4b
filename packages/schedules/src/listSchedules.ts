import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleSummaryListSchema, type ScheduleSummary } from './models.ts';

/**
 * List every scheduled job. `GET /schedules`. Admin only.
 *
 * Served by the open-source runtime (an empty list when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * for (const job of await listSchedules(ctx)) {
 *   console.log(job.name, job.cron_expression, job.status, job.next_run?.toISOString());
 * }
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listSchedules(ctx: Context, options?: CallOptions): Promise<ScheduleSummary[]> {
  return call(ctx, { name: 'listSchedules', method: 'GET', path: '/schedules', output: ScheduleSummaryListSchema }, options);
}
