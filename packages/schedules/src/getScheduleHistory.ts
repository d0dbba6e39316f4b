import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleHistoryResponseSchema, type ScheduleHistoryResponse } from './models.ts';

/**
 * A job's newest 50 runs, newest first. `GET /schedules/{job_id}/history`. Admin only. The runtime
 * always answers 50 at most and ignores query parameters, so none are sent. A job id that is not
 * a UUID is a `NotFoundError` (404 `SCHEDULE_HISTORY_FAILED`); the runtime answers an unknown
 * UUID with an empty history.
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const { history } = await getScheduleHistory(ctx, jobId);
 * for (const run of history) console.log(run.started_at.toISOString(), run.status, run.execution_time_ms);
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getScheduleHistory(ctx: Context, jobId: string, options?: CallOptions): Promise<ScheduleHistoryResponse> {
  return call(ctx, { name: 'getScheduleHistory', method: 'GET', path: '/schedules/{job_id}/history', params: [jobId], output: ScheduleHistoryResponseSchema }, options);
}
