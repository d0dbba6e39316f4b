import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleDetailSchema, UpdateScheduleRequestSchema, type ScheduleDetail, type UpdateScheduleRequest } from './models.ts';

/**
 * Change a scheduled job's cron expression, time zone, policies or one-shot flag; the runtime
 * recomputes `next_run`. `PUT /schedules/{job_id}`. Admin only. A 5-field cron expression is a
 * `ValidationError` before sending (see `createSchedule`); an unknown job, or an expression or
 * time zone the runtime cannot parse, is a 500 (`UPDATE_SCHEDULE_FAILED`), final and not retried.
 *
 * Served by the open-source runtime (500 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const job = await updateSchedule(ctx, jobId, { cron_expression: '0 0 6,18 * * *' });
 * console.log(job.next_run?.toISOString());
 * ```
 * @param jobId The job's id (a UUID).
 * @param request The fields to change; `policy_ids` replaces the list.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function updateSchedule(ctx: Context, jobId: string, request: UpdateScheduleRequest, options?: CallOptions): Promise<ScheduleDetail> {
  return call(ctx, { name: 'updateSchedule', method: 'PUT', path: '/schedules/{job_id}', params: [jobId], body: request, input: UpdateScheduleRequestSchema, output: ScheduleDetailSchema }, options);
}
