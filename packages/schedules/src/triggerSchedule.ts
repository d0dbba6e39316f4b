import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleActionSchema, type ScheduleAction } from './models.ts';

/**
 * Run a job now, whatever its schedule (a paused job too); the run appears in
 * `getScheduleHistory`. Answers `{ job_id, action: "trigger", status: "triggered" }`.
 * `POST /schedules/{job_id}/trigger`, no body. Admin only. An unknown job is a `NotFoundError`
 * (404 `SCHEDULE_TRIGGER_FAILED`). A POST: retried only with `retry: true` or an `idempotencyKey`.
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * await triggerSchedule(ctx, jobId);
 * const { history } = await getScheduleHistory(ctx, jobId);
 * console.log(history[0]?.status); // 'Succeeded'
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function triggerSchedule(ctx: Context, jobId: string, options?: CallOptions): Promise<ScheduleAction> {
  return call(ctx, { name: 'triggerSchedule', method: 'POST', path: '/schedules/{job_id}/trigger', params: [jobId], output: ScheduleActionSchema }, options);
}
