/**
 * Schedules: `/schedules...` and `/health/scheduler`, as the runtime v1.19 with a cron scheduler
 * answers them. Next runs are computed for real (./cron.ts) in each job's time zone; a job whose
 * next run has passed runs when the next request arrives (the runtime's tick loop, done lazily):
 * a `Succeeded` run in its history, `run_count` and `last_run` updated, a one-shot job completed.
 *
 * Errors, as the runtime's: a missing job is 404 with the route's code (`SCHEDULE_NOT_FOUND`,
 * `SCHEDULE_PAUSE_FAILED`, ...), create/update failures (bad cron, bad time zone, unknown job) are
 * 500 `CREATE_SCHEDULE_FAILED`/`UPDATE_SCHEDULE_FAILED`, texts start with `"Internal error: "`, and
 * a body that does not fit is a `text/plain` 415/422 (`null` for `timezone`, `policy_ids` or
 * `one_shot` included). A job id that is not a UUID fails like a missing one; the history of an
 * unknown UUID is empty (the runtime just queries its run log).
 */
import { randomUUID } from 'node:crypto';
import { HttpError, json } from '../responses.ts';
import type { Route, RouteRequest } from '../routes.ts';
import type { State } from '../state.ts';
import { checkCron, checkTimezone, CronError, nextRun, nextRuns, rfc3339 } from './cron.ts';
import { extractJson, guarded } from './json-extractor.ts';

/** A job's state, PascalCase as the runtime writes it. */
export type JobStatus = 'Active' | 'Paused' | 'Completed' | 'Failed' | 'DeadLetter';

/** A scheduled job as the mock keeps it. */
export interface Job {
  job_id: string;
  name: string;
  cron_expression: string;
  timezone: string;
  agent_name: string;
  policy_ids: string[];
  one_shot: boolean;
  status: JobStatus;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  last_run: Date | null;
  next_run: Date | null;
  run_count: number;
  failure_count: number;
}

/** One run of a job. */
export interface JobRun {
  run_id: string;
  job_id: string;
  started_at: Date;
  completed_at: Date | null;
  status: 'Running' | 'Succeeded' | 'Failed' | 'TimedOut' | 'Skipped';
  error: string | null;
  execution_time_ms: number | null;
}

/** The scheduler's data for one server. */
export interface SchedulerData {
  readonly jobs: Map<string, Job>;
  /** Every run, oldest first. */
  readonly runs: JobRun[];
  readonly metrics: { runs_total: number; runs_succeeded: number; runs_failed: number; average_execution_time_ms: number; longest_run_ms: number };
}

/** The runtime's `max_concurrent_cron_jobs` default. */
const MAX_CONCURRENT = 100;
/** How long a run takes in the mock. */
const RUN_MS = 3;
/** The runtime's history limit and next-runs count. */
const HISTORY_LIMIT = 50;
const NEXT_RUNS = 10;

const schedulers = new WeakMap<State, SchedulerData>();

/** This server's scheduler data (created on first use, so `State` needs no field for it). */
export function schedulerOf(state: State): SchedulerData {
  let data = schedulers.get(state);
  if (data === undefined) {
    data = { jobs: new Map(), runs: [], metrics: { runs_total: 0, runs_succeeded: 0, runs_failed: 0, average_execution_time_ms: 0, longest_run_ms: 0 } };
    schedulers.set(state, data);
  }
  return data;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The canonical form of a job id (lower-case, hyphenated), or `undefined` when it is not a UUID. */
function canonical(id: string): string | undefined {
  const trimmed = id.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
  if (!UUID.test(trimmed)) return undefined;
  const hex = trimmed.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The runtime's error answer: `{ error: "Internal error: ...", code, details: null }`. */
const failure = (status: number, code: string, message: string): HttpError =>
  new HttpError(status, code, `Internal error: ${message}`, { details: null });

/** The job `id` names, or the runtime's error for a missing one with `status` and `code`. */
function findJob(data: SchedulerData, id: string, status: number, code: string): Job {
  const key = canonical(id);
  if (key === undefined) throw failure(status, code, `Invalid job ID: ${id}`);
  const job = data.jobs.get(key);
  if (job === undefined) throw failure(status, code, `job not found: ${key}`);
  return job;
}

function recordRun(data: SchedulerData, job: Job, startedAt: Date, countInMetrics: boolean): JobRun {
  const run: JobRun = {
    run_id: randomUUID(),
    job_id: job.job_id,
    started_at: startedAt,
    completed_at: new Date(startedAt.getTime() + RUN_MS),
    status: 'Succeeded',
    error: null,
    execution_time_ms: RUN_MS,
  };
  data.runs.push(run);
  if (countInMetrics) {
    const m = data.metrics;
    m.runs_total += 1;
    m.runs_succeeded += 1;
    m.longest_run_ms = Math.max(m.longest_run_ms, RUN_MS);
    m.average_execution_time_ms += (RUN_MS - m.average_execution_time_ms) / m.runs_total;
  }
  return run;
}

/** Most runs one request catches up per job (a `* * * * * *` job left alone for hours). */
const MAX_CATCH_UP = 1000;

/**
 * The runtime's tick loop, done when a request arrives: every enabled, active job runs at each of
 * its run times that has passed (each run's next time computed from the run's own time, as a
 * tick at that moment would), then waits for the first one still to come.
 */
function tick(data: SchedulerData, now: Date): void {
  for (const job of data.jobs.values()) {
    for (let runs = 0; runs < MAX_CATCH_UP && job.enabled && job.status === 'Active' && job.next_run !== null && job.next_run <= now; runs++) {
      const due = job.next_run;
      recordRun(data, job, due, true);
      job.run_count += 1;
      job.last_run = due;
      job.next_run = nextRun(job.cron_expression, job.timezone, due);
      if (job.one_shot) {
        job.status = 'Completed';
        job.enabled = false;
      }
    }
    if (job.next_run !== null && job.next_run <= now && job.enabled && job.status === 'Active') job.next_run = nextRun(job.cron_expression, job.timezone, now);
  }
}

function summary(job: Job) {
  return {
    job_id: job.job_id,
    name: job.name,
    cron_expression: job.cron_expression,
    timezone: job.timezone,
    status: job.status,
    enabled: job.enabled,
    next_run: job.next_run && rfc3339(job.next_run),
    run_count: job.run_count,
  };
}

function detail(job: Job) {
  return {
    ...summary(job),
    one_shot: job.one_shot,
    last_run: job.last_run && rfc3339(job.last_run),
    failure_count: job.failure_count,
    created_at: rfc3339(job.created_at),
    updated_at: rfc3339(job.updated_at),
  };
}

interface CreateBody {
  name: string;
  cron_expression: string;
  timezone?: string;
  agent_name: string;
  policy_ids?: string[];
  one_shot?: boolean;
}

interface UpdateBody {
  cron_expression?: string | null;
  timezone?: string | null;
  policy_ids?: string[] | null;
  one_shot?: boolean | null;
}

/** Validates a job's expression and time zone as `add_job`/`update_job` do, as a 500 with `code`. */
function validate(expression: string, timezone: string, code: string): void {
  try {
    checkCron(expression);
    checkTimezone(timezone);
  } catch (error) {
    if (error instanceof CronError) throw failure(500, code, error.message);
    throw error;
  }
}

/** A route over this server's scheduler, after running what is due. */
function scheduleRoute(
  method: Route['method'],
  pattern: string,
  handler: (req: RouteRequest, data: SchedulerData, now: Date) => ReturnType<Route['handler']>,
): Route {
  return {
    method,
    pattern,
    handler: guarded((req: RouteRequest, state: State) => {
      const data = schedulerOf(state);
      const now = state.now();
      tick(data, now);
      return handler(req, data, now);
    }),
  };
}

/** One of pause/resume/trigger: `{ job_id, action, status }` as given in the path. */
function action(verb: 'pause' | 'resume' | 'trigger', status: string, code: string, apply: (job: Job, data: SchedulerData, now: Date) => void): Route {
  return scheduleRoute('POST', `/schedules/{job_id}/${verb}`, (req, data, now) => {
    const job = findJob(data, req.params.job_id!, 404, code);
    apply(job, data, now);
    return json({ job_id: req.params.job_id, action: verb, status });
  });
}

/** The schedule routes. */
export const schedulesRoutes: readonly Route[] = [
  scheduleRoute('GET', '/schedules', (_req, data) => json([...data.jobs.values()].map(summary))),

  scheduleRoute('POST', '/schedules', (req, data, now) => {
    const body = extractJson<CreateBody>(req, {
      name: 'string',
      cron_expression: 'string',
      timezone: 'string=',
      agent_name: 'string',
      policy_ids: 'strings=',
      one_shot: 'bool=',
    });
    const timezone = body.timezone === undefined || body.timezone === '' ? 'UTC' : body.timezone;
    validate(body.cron_expression, timezone, 'CREATE_SCHEDULE_FAILED');
    const job: Job = {
      job_id: randomUUID(),
      name: body.name,
      cron_expression: body.cron_expression,
      timezone,
      agent_name: body.agent_name,
      policy_ids: [...(body.policy_ids ?? [])],
      one_shot: body.one_shot ?? false,
      status: 'Active',
      enabled: true,
      created_at: now,
      updated_at: now,
      last_run: null,
      next_run: nextRun(body.cron_expression, timezone, now),
      run_count: 0,
      failure_count: 0,
    };
    data.jobs.set(job.job_id, job);
    return json({ job_id: job.job_id, next_run: job.next_run && rfc3339(job.next_run), status: 'created' }, 201);
  }),

  scheduleRoute('GET', '/schedules/{job_id}', (req, data) => json(detail(findJob(data, req.params.job_id!, 404, 'SCHEDULE_NOT_FOUND')))),

  scheduleRoute('PUT', '/schedules/{job_id}', (req, data, now) => {
    const body = extractJson<UpdateBody>(req, { cron_expression: 'string?', timezone: 'string?', policy_ids: 'strings?', one_shot: 'bool?' });
    const job = findJob(data, req.params.job_id!, 500, 'UPDATE_SCHEDULE_FAILED');
    const cron_expression = body.cron_expression ?? job.cron_expression;
    const timezone = body.timezone ?? job.timezone;
    validate(cron_expression, timezone, 'UPDATE_SCHEDULE_FAILED');
    Object.assign(job, {
      cron_expression,
      timezone,
      policy_ids: body.policy_ids ? [...body.policy_ids] : job.policy_ids,
      one_shot: body.one_shot ?? job.one_shot,
      next_run: nextRun(cron_expression, timezone, now),
      updated_at: now,
    });
    return json(detail(job));
  }),

  scheduleRoute('DELETE', '/schedules/{job_id}', (req, data) => {
    const job = findJob(data, req.params.job_id!, 404, 'SCHEDULE_NOT_FOUND');
    data.jobs.delete(job.job_id);
    data.runs.splice(0, data.runs.length, ...data.runs.filter((run) => run.job_id !== job.job_id));
    return json({ job_id: req.params.job_id, deleted: true });
  }),

  action('pause', 'paused', 'SCHEDULE_PAUSE_FAILED', (job, _data, now) => {
    Object.assign(job, { status: 'Paused', enabled: false, updated_at: now });
  }),

  action('resume', 'active', 'SCHEDULE_RESUME_FAILED', (job, _data, now) => {
    Object.assign(job, { status: 'Active', enabled: true, failure_count: 0, next_run: nextRun(job.cron_expression, job.timezone, now), updated_at: now });
  }),

  // Like the runtime's `trigger_now`: the run goes to the history, but not to `run_count`,
  // `last_run` or the scheduler's run metrics (only scheduled runs count there).
  action('trigger', 'triggered', 'SCHEDULE_TRIGGER_FAILED', (job, data, now) => {
    recordRun(data, job, now, false);
  }),

  scheduleRoute('GET', '/schedules/{job_id}/history', (req, data) => {
    const key = canonical(req.params.job_id!);
    if (key === undefined) throw failure(404, 'SCHEDULE_HISTORY_FAILED', `Invalid job ID: ${req.params.job_id}`);
    const history = data.runs
      .filter((run) => run.job_id === key)
      .sort((a, b) => b.started_at.getTime() - a.started_at.getTime())
      .slice(0, HISTORY_LIMIT)
      .map((run) => ({
        run_id: run.run_id,
        started_at: rfc3339(run.started_at),
        completed_at: run.completed_at && rfc3339(run.completed_at),
        status: run.status,
        error: run.error,
        execution_time_ms: run.execution_time_ms,
      }));
    return json({ job_id: req.params.job_id, history });
  }),

  scheduleRoute('GET', '/schedules/{job_id}/next-runs', (req, data, now) => {
    const job = findJob(data, req.params.job_id!, 404, 'SCHEDULE_NEXT_RUNS_FAILED');
    return json({ job_id: req.params.job_id, next_runs: nextRuns(job.cron_expression, job.timezone, NEXT_RUNS, now).map(rfc3339) });
  }),

  scheduleRoute('GET', '/health/scheduler', (_req, data) => {
    const jobs = [...data.jobs.values()];
    const count = (status: JobStatus) => jobs.filter((job) => job.status === status).length;
    return json({
      is_running: true,
      store_accessible: true,
      jobs_total: jobs.length,
      jobs_active: count('Active'),
      jobs_paused: count('Paused'),
      jobs_dead_letter: count('DeadLetter'),
      global_active_runs: 0,
      max_concurrent: MAX_CONCURRENT,
      ...data.metrics,
    });
  }),
];
