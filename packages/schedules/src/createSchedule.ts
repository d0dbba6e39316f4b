import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { CreateScheduleRequestSchema, CreateScheduleResponseSchema, type CreateScheduleRequest, type CreateScheduleResponse } from './models.ts';

/**
 * Create a scheduled job that runs an agent on a cron schedule. `POST /schedules` (201). Admin only.
 *
 * The cron expression has 6 fields, seconds first, and an optional 7th (year): a 5-field
 * expression such as `"*\/5 * * * *"` is a `ValidationError` before anything is sent, whose
 * message shows the 6-field form (`"0 *\/5 * * * *"`). `timezone`, `policy_ids` and `one_shot`
 * may be omitted but not `null`. The runtime answers an expression or time zone it cannot parse
 * with a 500 (`CREATE_SCHEDULE_FAILED`), final and not retried.
 *
 * Served by the open-source runtime (500 when it runs without a cron scheduler).
 *
 * @example
 * ```ts
 * const { job_id, next_run } = await createSchedule(ctx, {
 *   name: 'nightly-report', cron_expression: '0 30 2 * * *', agent_name: 'reporter',
 *   timezone: 'Europe/Berlin',
 * });
 * console.log(job_id, next_run?.toISOString());
 * ```
 * @param request The job's name, cron expression and agent; optional time zone, policies and one-shot flag.
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function createSchedule(ctx: Context, request: CreateScheduleRequest, options?: CallOptions): Promise<CreateScheduleResponse> {
  return call(ctx, { name: 'createSchedule', method: 'POST', path: '/schedules', body: request, input: CreateScheduleRequestSchema, output: CreateScheduleResponseSchema }, options);
}
