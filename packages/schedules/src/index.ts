/**
 * `@symbiont/schedules`: cron schedules and scheduler health.
 *
 * Cron expressions have 6 fields, seconds first (`sec min hour day-of-month month day-of-week`),
 * and an optional 7th (`year`); a 5-field expression is refused before sending with the 6-field
 * form it most likely means. Every date-time is a `Date`. Served by the open-source runtime
 * (empty, or errors, when it runs without a cron scheduler). Every operation is admin-only.
 *
 * @packageDocumentation
 */
export { listSchedules } from './listSchedules.ts';
export { createSchedule } from './createSchedule.ts';
export { getSchedule } from './getSchedule.ts';
export { updateSchedule } from './updateSchedule.ts';
export { deleteSchedule } from './deleteSchedule.ts';
export { pauseSchedule } from './pauseSchedule.ts';
export { resumeSchedule } from './resumeSchedule.ts';
export { triggerSchedule } from './triggerSchedule.ts';
export { getScheduleHistory } from './getScheduleHistory.ts';
export { getScheduleNextRuns } from './getScheduleNextRuns.ts';
export { getSchedulerHealth } from './getSchedulerHealth.ts';
export {
  ScheduleRunStatus,
  ScheduleStatus,
  type CreateScheduleRequest,
  type CreateScheduleResponse,
  type DeleteScheduleResponse,
  type ScheduleAction,
  type ScheduleDetail,
  type ScheduleHistoryResponse,
  type ScheduleNextRunsResponse,
  type ScheduleRunEntry,
  type SchedulerHealth,
  type ScheduleSummary,
  type UpdateScheduleRequest,
} from './models.ts';
