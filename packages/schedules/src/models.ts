/**
 * Models of the schedule endpoints, each a TypeScript type with the wire's snake_case names and
 * the valibot schema that checks it. Date-times in responses are `Date`s.
 */
import * as v from 'valibot';
import { dateTime, enumObject, int, knownString, nullish, optional, type Schema } from '@symbiont/core/kernel';

/** A scheduled job's state, as the runtime writes it (PascalCase). */
export type ScheduleStatus = 'Active' | 'Paused' | 'Completed' | 'Failed' | 'DeadLetter';

/** The schedule states as constants: `ScheduleStatus.DEAD_LETTER === 'DeadLetter'`. */
export const ScheduleStatus = /* @__PURE__ */ enumObject({
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  DEAD_LETTER: 'DeadLetter',
});

/** The outcome of one run of a scheduled job (PascalCase, as the runtime writes it). */
export type ScheduleRunStatus = 'Running' | 'Succeeded' | 'Failed' | 'TimedOut' | 'Skipped';

/** The run outcomes as constants: `ScheduleRunStatus.TIMED_OUT === 'TimedOut'`. */
export const ScheduleRunStatus = /* @__PURE__ */ enumObject({
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'TimedOut',
  SKIPPED: 'Skipped',
});

/**
 * The body of `createSchedule`. `cron_expression` has 6 fields, seconds first
 * (`sec min hour day-of-month month day-of-week`), and an optional 7th (`year`):
 * `"0 0/5 * * * *"` is every five minutes (a 5-field `"*\/5 * * * *"` is refused). Day-of-week
 * numbers run 1–7 from Sunday (or use `SUN`–`SAT`). `timezone`, `policy_ids` and `one_shot` may be omitted but not `null`.
 */
export interface CreateScheduleRequest {
  /** Human-readable name of the job. */
  name: string;
  /** 6-field cron expression (seconds first), optionally with a 7th field (year). */
  cron_expression: string;
  /** Name of the agent the job runs. */
  agent_name: string;
  /** IANA time zone the expression is read in (`"America/New_York"`); the runtime's default is `"UTC"`. */
  timezone?: string;
  /** Policy ids attached to the job; the runtime's default is `[]`. */
  policy_ids?: string[];
  /** Run once, then complete; the runtime's default is `false`. */
  one_shot?: boolean;
}

/** The body of `updateSchedule`: only the fields given change (`policy_ids` replaces the list). */
export interface UpdateScheduleRequest {
  /** New 6-field cron expression (seconds first), optionally with a 7th field (year). */
  cron_expression?: string | null;
  /** New IANA time zone. */
  timezone?: string | null;
  /** New policy ids (replaces the existing list). */
  policy_ids?: string[] | null;
  /** New one-shot flag. */
  one_shot?: boolean | null;
}

/** What `createSchedule` answers (201). */
export interface CreateScheduleResponse {
  /** The new job's id (a UUID). */
  job_id: string;
  /** The first time the job will run, or `null` when the expression has no future time. */
  next_run: Date | null;
  /** `"created"`. */
  status: string;
  [field: string]: unknown;
}

/** One job as `listSchedules` lists it. */
export interface ScheduleSummary {
  job_id: string;
  name: string;
  cron_expression: string;
  /** IANA time zone the expression is read in. */
  timezone: string;
  status: ScheduleStatus | (string & {});
  /** `false` once paused or completed. */
  enabled: boolean;
  /** The next time the job runs, or `null` when none is due. */
  next_run: Date | null;
  /** How many times the scheduler has run the job. */
  run_count: number;
  [field: string]: unknown;
}

/** One job in full, as `getSchedule` and `updateSchedule` answer. */
export interface ScheduleDetail extends ScheduleSummary {
  one_shot: boolean;
  /** The last time the scheduler ran the job, or `null`. */
  last_run: Date | null;
  failure_count: number;
  created_at: Date;
  updated_at: Date;
}

/** What `deleteSchedule` answers. */
export interface DeleteScheduleResponse {
  job_id: string;
  deleted: boolean;
  [field: string]: unknown;
}

/**
 * What `pauseSchedule`, `resumeSchedule` and `triggerSchedule` answer: `action` is `"pause"`,
 * `"resume"` or `"trigger"`, `status` `"paused"`, `"active"` or `"triggered"` (lower case, unlike
 * `ScheduleStatus`).
 */
export interface ScheduleAction {
  job_id: string;
  action: string;
  status: string;
  [field: string]: unknown;
}

/** One run of a job, in `getScheduleHistory`. */
export interface ScheduleRunEntry {
  run_id: string;
  started_at: Date;
  /** `null` while the run is still going. */
  completed_at: Date | null;
  status: ScheduleRunStatus | (string & {});
  error: string | null;
  execution_time_ms: number | null;
  [field: string]: unknown;
}

/** What `getScheduleHistory` answers: the job's newest 50 runs, newest first. */
export interface ScheduleHistoryResponse {
  job_id: string;
  history: ScheduleRunEntry[];
  [field: string]: unknown;
}

/** What `getScheduleNextRuns` answers: the job's next 10 run times. */
export interface ScheduleNextRunsResponse {
  job_id: string;
  next_runs: Date[];
  [field: string]: unknown;
}

/**
 * What `getSchedulerHealth` answers. Without a cron scheduler the runtime answers
 * `is_running: false`, `store_accessible: false` and zero counts.
 */
export interface SchedulerHealth {
  is_running: boolean;
  store_accessible: boolean;
  jobs_total: number;
  jobs_active: number;
  jobs_paused: number;
  jobs_dead_letter: number;
  global_active_runs: number;
  max_concurrent: number;
  runs_total: number;
  runs_succeeded: number;
  runs_failed: number;
  average_execution_time_ms: number;
  longest_run_ms: number;
  [field: string]: unknown;
}

// Cron expressions.

/** The cron crate's nicknames, accepted in place of the fields. */
const NICKNAME = /^@(yearly|annually|monthly|weekly|daily|hourly)$/i;

/**
 * Why a cron expression is refused, or `undefined` when it has 6 or 7 fields (or is a nickname
 * such as `@hourly`). A 5-field expression gets the 6-field form it most likely means.
 * @internal
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  const count = fields.length;
  if (count === 6 || count === 7 || (count === 1 && NICKNAME.test(fields[0]!))) return undefined;
  const given = fields.join(' ');
  return `6 cron fields, seconds first (sec min hour day-of-month month day-of-week [year])${count === 5 ? `: for "${given}" send "0 ${given}"` : `, not ${count}`}`;
}

const cronExpression = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.string(),
  // `check` (which the kernel's apps have already) with the problem as its message, not `rawCheck`.
  /* @__PURE__ */ v.check((expression: string) => !cronProblem(expression), (issue) => cronProblem(issue.input as string)!),
);

const stringList = /* @__PURE__ */ v.array(/* @__PURE__ */ v.string());

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

export const CreateScheduleRequestSchema: Schema<CreateScheduleRequest> = /* @__PURE__ */ v.strictObject({
  name: /* @__PURE__ */ v.string(),
  cron_expression: cronExpression,
  agent_name: /* @__PURE__ */ v.string(),
  // The runtime answers 422 to a null here: omit the field instead.
  timezone: /* @__PURE__ */ optional(/* @__PURE__ */ v.string()),
  policy_ids: /* @__PURE__ */ optional(stringList),
  one_shot: /* @__PURE__ */ optional(/* @__PURE__ */ v.boolean()),
});

export const UpdateScheduleRequestSchema: Schema<UpdateScheduleRequest> = /* @__PURE__ */ v.strictObject({
  cron_expression: /* @__PURE__ */ nullish(cronExpression),
  timezone: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
  policy_ids: /* @__PURE__ */ nullish(stringList),
  one_shot: /* @__PURE__ */ nullish(/* @__PURE__ */ v.boolean()),
});

const maybeDate = /* @__PURE__ */ nullish(dateTime, null);

export const CreateScheduleResponseSchema: Schema<CreateScheduleResponse> = /* @__PURE__ */ v.looseObject({
  job_id: /* @__PURE__ */ v.string(),
  next_run: maybeDate,
  status: /* @__PURE__ */ v.string(),
});

const summaryEntries = {
  job_id: /* @__PURE__ */ v.string(),
  name: /* @__PURE__ */ v.string(),
  cron_expression: /* @__PURE__ */ v.string(),
  timezone: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ knownString<ScheduleStatus>(),
  enabled: /* @__PURE__ */ v.boolean(),
  next_run: maybeDate,
  run_count: int,
};

export const ScheduleSummarySchema: Schema<ScheduleSummary> = /* @__PURE__ */ v.looseObject(summaryEntries);

export const ScheduleSummaryListSchema: Schema<ScheduleSummary[]> = /* @__PURE__ */ v.array(ScheduleSummarySchema);

export const ScheduleDetailSchema: Schema<ScheduleDetail> = /* @__PURE__ */ v.looseObject(
  // Object.assign, not a spread: esbuild cannot prove a spread free of side effects (a getter), so
  // a spread kept this schema in every app of the package.
  /* @__PURE__ */ Object.assign({}, summaryEntries, {
    one_shot: /* @__PURE__ */ v.boolean(),
    last_run: maybeDate,
    failure_count: int,
    created_at: dateTime,
    updated_at: dateTime,
  }),
);

export const DeleteScheduleResponseSchema: Schema<DeleteScheduleResponse> = /* @__PURE__ */ v.looseObject({
  job_id: /* @__PURE__ */ v.string(),
  deleted: /* @__PURE__ */ v.boolean(),
});

export const ScheduleActionSchema: Schema<ScheduleAction> = /* @__PURE__ */ v.looseObject({
  job_id: /* @__PURE__ */ v.string(),
  action: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ v.string(),
});

export const ScheduleRunEntrySchema: Schema<ScheduleRunEntry> = /* @__PURE__ */ v.looseObject({
  run_id: /* @__PURE__ */ v.string(),
  started_at: dateTime,
  completed_at: maybeDate,
  status: /* @__PURE__ */ knownString<ScheduleRunStatus>(),
  error: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), null),
  execution_time_ms: /* @__PURE__ */ nullish(int, null),
});

export const ScheduleHistoryResponseSchema: Schema<ScheduleHistoryResponse> = /* @__PURE__ */ v.looseObject({
  job_id: /* @__PURE__ */ v.string(),
  history: /* @__PURE__ */ v.array(ScheduleRunEntrySchema),
});

export const ScheduleNextRunsResponseSchema: Schema<ScheduleNextRunsResponse> = /* @__PURE__ */ v.looseObject({
  job_id: /* @__PURE__ */ v.string(),
  next_runs: /* @__PURE__ */ v.array(dateTime),
});

export const SchedulerHealthSchema: Schema<SchedulerHealth> = /* @__PURE__ */ v.looseObject({
  is_running: /* @__PURE__ */ v.boolean(),
  store_accessible: /* @__PURE__ */ v.boolean(),
  jobs_total: int,
  jobs_active: int,
  jobs_paused: int,
  jobs_dead_letter: int,
  global_active_runs: int,
  max_concurrent: int,
  runs_total: int,
  runs_succeeded: int,
  runs_failed: int,
  average_execution_time_ms: /* @__PURE__ */ v.number(),
  longest_run_ms: int,
});
