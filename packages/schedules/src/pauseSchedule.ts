import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ScheduleActionSchema, type ScheduleAction } from './models.ts';

/**
 * Pause a scheduled job: it stays stored but stops running until resumed (status `Paused`,
 * `enabled` false). Answers `{ job_id, action: "pause", status: "paused" }`.
 * `POST /schedules/{job_id}/pause`, no body. Admin only. An unknown job is a `NotFoundError`
 * (404 `SCHEDULE_PAUSE_FAILED`). A POST: retried only with `retry: true` or an `idempotencyKey`.
 *
 * Served by the open-source runtime (404 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const { status } = await pauseSchedule(ctx, jobId); // 'paused'
 * ```
 * @param jobId The job's id (a UUID).
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function pauseSchedule(ctx: Context, jobId: string, options?: CallOptions): Promise<ScheduleAction> {
  return call(ctx, { name: 'pauseSchedule', method: 'POST', path: '/schedules/{job_id}/pause', params: [jobId], output: ScheduleActionSchema }, options);
}
