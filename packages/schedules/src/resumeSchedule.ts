import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleActionSchema, type ScheduleAction } from './models.ts';

/**
 * Resume a paused (or dead-lettered) job: status `Active` again, failure count reset, `next_run`
 * recomputed. Answers `{ job_id, action: "resume", status: "active" }`.
 * `POST /schedules/{job_id}/resume`, no body. Admin only. An unknown job is a `NotFoundError`
 * (404 `SCHEDULE_RESUME_FAILED`). A POST: retried only with `retry: true` or an `idempotencyKey`.
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const { status } = await resumeSchedule(ctx, jobId); // 'active'
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function resumeSchedule(ctx: Context, jobId: string, options?: CallOptions): Promise<ScheduleAction> {
  return call(ctx, { name: 'resumeSchedule', method: 'POST', path: '/schedules/{job_id}/resume', params: [jobId], output: ScheduleActionSchema }, options);
}
