import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleDetailSchema, type ScheduleDetail } from './models.ts';

/**
 * One scheduled job in full. `GET /schedules/{job_id}`. Admin only. An unknown job is a
 * `NotFoundError` (404 `SCHEDULE_NOT_FOUND`).
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const job = await getSchedule(ctx, jobId);
 * console.log(job.status, job.run_count, job.last_run?.toISOString() ?? 'never run');
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getSchedule(ctx: Context, jobId: string, options?: CallOptions): Promise<ScheduleDetail> {
  return call(ctx, { name: 'getSchedule', method: 'GET', path: '/schedules/{job_id}', params: [jobId], output: ScheduleDetailSchema }, options);
}
