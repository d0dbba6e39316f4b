import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleNextRunsResponseSchema, type ScheduleNextRunsResponse } from './models.ts';

/**
 * A job's next 10 run times (as `Date`s), computed from its cron expression in its time zone.
 * `GET /schedules/{job_id}/next-runs`. Admin only. The runtime always computes 10 and ignores
 * query parameters, so none are sent; fewer come back when the expression runs out (a past year).
 * An unknown job is a `NotFoundError` (404 `SCHEDULE_NEXT_RUNS_FAILED`).
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const { next_runs } = await getScheduleNextRuns(ctx, jobId);
 * console.log(next_runs.map((time) => time.toISOString()));
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getScheduleNextRuns(ctx: Context, jobId: string, options?: CallOptions): Promise<ScheduleNextRunsResponse> {
  return call(ctx, { name: 'getScheduleNextRuns', method: 'GET', path: '/schedules/{job_id}/next-runs', params: [jobId], output: ScheduleNextRunsResponseSchema }, options);
}
