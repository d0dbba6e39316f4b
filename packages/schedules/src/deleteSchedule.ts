import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { DeleteScheduleResponseSchema, type DeleteScheduleResponse } from './models.ts';

/**
 * Delete a scheduled job. `DELETE /schedules/{job_id}`. Admin only. An unknown job is a
 * `NotFoundError` (404 `SCHEDULE_NOT_FOUND`).
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const { deleted } = await deleteSchedule(ctx, jobId);
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deleteSchedule(ctx: Context, jobId: string, options?: CallOptions): Promise<DeleteScheduleResponse> {
  return call(ctx, { name: 'deleteSchedule', method: 'DELETE', path: '/schedules/{job_id}', params: [jobId], output: DeleteScheduleResponseSchema }, options);
}
