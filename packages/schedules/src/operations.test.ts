import { APIError, createContext, NotFoundError, ResponseValidationError, ValidationError } from '@symbiont/core';
import { catchError, json, startScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  getScheduleHistory,
  getScheduleNextRuns,
  getSchedulerHealth,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
  ScheduleRunStatus,
  ScheduleStatus,
  triggerSchedule,
  updateSchedule,
  type CreateScheduleRequest,
} from './index.ts';

const API_KEY = 'schedules-test-key';

const runtime = useMockRuntime({ apiKey: API_KEY });

const nightly: CreateScheduleRequest = { name: 'nightly', cron_expression: '0 30 9 * * * 2031', agent_name: 'reporter', timezone: 'America/New_York' };
const create = async (request: Partial<CreateScheduleRequest> = {}) => (await createSchedule(runtime.ctx, { ...nightly, ...request })).job_id;
const unknownId = '00000000-0000-4000-8000-000000000000';

describe('enums', () => {
  it('are frozen objects of the wire strings (PascalCase)', () => {
    expect(ScheduleStatus).toEqual({ ACTIVE: 'Active', PAUSED: 'Paused', COMPLETED: 'Completed', FAILED: 'Failed', DEAD_LETTER: 'DeadLetter' });
    expect(ScheduleRunStatus).toEqual({ RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed', TIMED_OUT: 'TimedOut', SKIPPED: 'Skipped' });
    expect(Object.isFrozen(ScheduleStatus) && Object.isFrozen(ScheduleRunStatus)).toBe(true);
  });
});

describe('createSchedule', () => {
  it('POST /schedules with the request as given; next_run is a Date', async () => {
    const created = await createSchedule(runtime.ctx, nightly);
    expect(created).toEqual({ job_id: expect.any(String), next_run: new Date('2031-01-01T14:30:00Z'), status: 'created' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/schedules', query: {}, body: nightly });
  });

  it('omits the optional fields that are not given (no defaults sent)', async () => {
    await createSchedule(runtime.ctx, { name: 'n', cron_expression: '0 0 9 * * *', agent_name: 'a' });
    expect(runtime.last().body).toEqual({ name: 'n', cron_expression: '0 0 9 * * *', agent_name: 'a' });
    await createSchedule(runtime.ctx, { name: 'n', cron_expression: '0 0 9 * * * 2031', agent_name: 'a', policy_ids: ['p1'], one_shot: true, timezone: 'UTC' });
    expect(runtime.last().body).toEqual({ name: 'n', cron_expression: '0 0 9 * * * 2031', agent_name: 'a', policy_ids: ['p1'], one_shot: true, timezone: 'UTC' });
  });

  it('a 5-field expression is refused before sending, showing the 6-field form', async () => {
    const error = await catchError(createSchedule(runtime.ctx, { ...nightly, cron_expression: '*/5 * * * *' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('createSchedule');
    expect(error.issues[0].path).toBe('cron_expression');
    expect(error.message).toContain('"0 */5 * * * *"');
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it.each(['', '*', '0 0 9 * ', '0 0 9 1 1 * 2031 extra', '@every_minute'])('an expression with another field count (%j) is refused too', async (cron_expression) => {
    const error = await catchError(createSchedule(runtime.ctx, { ...nightly, cron_expression }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/cron_expression: expected 6 cron fields, seconds first \(sec min hour day-of-month month day-of-week \[year\]\), not \d/);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it.each(['0 0 9 * * *', '  0 0 9 * * *  ', '0 0 9 * * * 2031', '0\t0 9 * * *\t2031', '@hourly', '@DAILY'])('accepts 6 or 7 fields and the nicknames (%j)', async (cron_expression) => {
    await createSchedule(runtime.ctx, { ...nightly, cron_expression });
    expect(runtime.last().body).toMatchObject({ cron_expression });
  });

  it.each(['timezone', 'policy_ids', 'one_shot'] as const)('a null %s is refused before sending (the runtime answers 422)', async (field) => {
    const error = await catchError(createSchedule(runtime.ctx, { ...nightly, [field]: null } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe(field);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('missing or mistyped fields and unknown fields are refused before sending', async () => {
    for (const request of [{ name: 'n', cron_expression: '0 0 9 * * *' }, { ...nightly, one_shot: 'yes' }, { ...nightly, policy_ids: 'p1' }, { ...nightly, extra: 1 }, null, 'x']) {
      expect(await catchError(createSchedule(runtime.ctx, request as never))).toBeInstanceOf(ValidationError);
    }
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('a cron expression or time zone the runtime cannot parse is its 500 CREATE_SCHEDULE_FAILED', async () => {
    const error = await catchError(createSchedule(runtime.ctx, { ...nightly, cron_expression: '0 0 25 * * *' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 500, code: 'CREATE_SCHEDULE_FAILED', details: null });
    expect(error.message).toContain('invalid cron expression');
    expect(await catchError(createSchedule(runtime.ctx, { ...nightly, timezone: 'Mars/Olympus' }))).toMatchObject({ status: 500, code: 'CREATE_SCHEDULE_FAILED' });
  });
});

describe('listSchedules and getSchedule', () => {
  it('GET /schedules: summaries with Date next runs', async () => {
    const id = await create();
    runtime.mock.clearRequests();
    const jobs = await listSchedules(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/schedules', query: {}, body: undefined });
    expect(jobs.find((job) => job.job_id === id)).toEqual({
      job_id: id, name: 'nightly', cron_expression: '0 30 9 * * * 2031', timezone: 'America/New_York',
      status: ScheduleStatus.ACTIVE, enabled: true, next_run: new Date('2031-01-01T14:30:00Z'), run_count: 0,
    });
  });

  it('GET /schedules/{job_id}: the detail with Dates (null last_run)', async () => {
    const id = await create();
    const job = await getSchedule(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/schedules/${id}` });
    expect(job).toMatchObject({ job_id: id, one_shot: false, last_run: null, failure_count: 0, next_run: new Date('2031-01-01T14:30:00Z') });
    expect(job.created_at).toBeInstanceOf(Date);
    expect(job.updated_at).toBeInstanceOf(Date);
    expect(Number.isNaN(job.created_at.getTime())).toBe(false);
  });

  it('an unknown job is a NotFoundError (SCHEDULE_NOT_FOUND)', async () => {
    const error = await catchError(getSchedule(runtime.ctx, unknownId));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'SCHEDULE_NOT_FOUND' });
  });

  it('path parameters are percent-encoded, and empty, "." or ".." refused', async () => {
    await catchError(getSchedule(runtime.ctx, 'a/b c'));
    expect(runtime.last().path).toBe('/schedules/a%2Fb%20c');
    runtime.mock.clearRequests();
    for (const id of ['', '.', '..']) expect(await catchError(getSchedule(runtime.ctx, id))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('updateSchedule', () => {
  it('PUT /schedules/{job_id} with only the given fields; answers the detail', async () => {
    const id = await create();
    const job = await updateSchedule(runtime.ctx, id, { cron_expression: '0 0 6 * * * 2032', timezone: 'Asia/Tokyo', policy_ids: ['p2'] });
    expect(runtime.last()).toMatchObject({ method: 'PUT', path: `/schedules/${id}`, body: { cron_expression: '0 0 6 * * * 2032', timezone: 'Asia/Tokyo', policy_ids: ['p2'] } });
    expect(job).toMatchObject({ job_id: id, cron_expression: '0 0 6 * * * 2032', timezone: 'Asia/Tokyo', next_run: new Date('2031-12-31T21:00:00Z') });
  });

  it('null means "unchanged" here and is sent as null', async () => {
    const id = await create();
    await updateSchedule(runtime.ctx, id, { one_shot: null, timezone: null });
    expect(runtime.last().body).toEqual({ one_shot: null, timezone: null });
  });

  it('a 5-field expression is refused before sending, showing the 6-field form', async () => {
    const error = await catchError(updateSchedule(runtime.ctx, unknownId, { cron_expression: '0 9 * * 1' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('"0 0 9 * * 1"');
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('an unknown job is the runtime\'s 500 UPDATE_SCHEDULE_FAILED', async () => {
    const error = await catchError(updateSchedule(runtime.ctx, unknownId, { one_shot: true }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 500, code: 'UPDATE_SCHEDULE_FAILED' });
  });
});

describe('pause, resume, trigger', () => {
  it('POST with no body; each answers its action and changes the job', async () => {
    const id = await create();
    runtime.mock.clearRequests();
    expect(await pauseSchedule(runtime.ctx, id)).toEqual({ job_id: id, action: 'pause', status: 'paused' });
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/schedules/${id}/pause`, query: {}, body: undefined });
    expect(runtime.last().headers['content-type']).toBeUndefined();
    expect(await getSchedule(runtime.ctx, id)).toMatchObject({ status: ScheduleStatus.PAUSED, enabled: false });

    expect(await resumeSchedule(runtime.ctx, id)).toEqual({ job_id: id, action: 'resume', status: 'active' });
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/schedules/${id}/resume`, body: undefined });
    expect(await getSchedule(runtime.ctx, id)).toMatchObject({ status: ScheduleStatus.ACTIVE, enabled: true });

    expect(await triggerSchedule(runtime.ctx, id)).toEqual({ job_id: id, action: 'trigger', status: 'triggered' });
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/schedules/${id}/trigger`, body: undefined });
  });

  it.each([
    ['pauseSchedule', pauseSchedule, 'SCHEDULE_PAUSE_FAILED'],
    ['resumeSchedule', resumeSchedule, 'SCHEDULE_RESUME_FAILED'],
    ['triggerSchedule', triggerSchedule, 'SCHEDULE_TRIGGER_FAILED'],
  ] as const)('%s of an unknown job is a NotFoundError', async (_, operation, code) => {
    const error = await catchError(operation(runtime.ctx, unknownId));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe(code);
  });
});

describe('getScheduleHistory', () => {
  it('GET …/history with no query; runs newest first with Dates', async () => {
    const id = await create();
    await triggerSchedule(runtime.ctx, id);
    await triggerSchedule(runtime.ctx, id);
    runtime.mock.clearRequests();
    const { job_id, history } = await getScheduleHistory(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/schedules/${id}/history`, query: {} });
    expect(job_id).toBe(id);
    expect(history).toHaveLength(2);
    for (const run of history) {
      expect(run).toEqual({ run_id: expect.any(String), started_at: expect.any(Date), completed_at: expect.any(Date), status: ScheduleRunStatus.SUCCEEDED, error: null, execution_time_ms: expect.any(Number) });
    }
    expect(history[0]!.started_at.getTime()).toBeGreaterThanOrEqual(history[1]!.started_at.getTime());
  });

  it('an id that is not a UUID is a NotFoundError (SCHEDULE_HISTORY_FAILED)', async () => {
    expect(await catchError(getScheduleHistory(runtime.ctx, 'nightly'))).toMatchObject({ status: 404, code: 'SCHEDULE_HISTORY_FAILED' });
  });
});

describe('getScheduleNextRuns', () => {
  it('GET …/next-runs with no query; 10 Dates', async () => {
    const id = await create();
    runtime.mock.clearRequests();
    const { job_id, next_runs } = await getScheduleNextRuns(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/schedules/${id}/next-runs`, query: {} });
    expect(job_id).toBe(id);
    expect(next_runs).toHaveLength(10);
    expect(next_runs[0]).toEqual(new Date('2031-01-01T14:30:00Z'));
    expect(next_runs[1]).toEqual(new Date('2031-01-02T14:30:00Z'));
  });

  it('an unknown job is a NotFoundError (SCHEDULE_NEXT_RUNS_FAILED)', async () => {
    expect(await catchError(getScheduleNextRuns(runtime.ctx, unknownId))).toMatchObject({ status: 404, code: 'SCHEDULE_NEXT_RUNS_FAILED' });
  });
});

describe('deleteSchedule', () => {
  it('DELETE /schedules/{job_id}; then the job is gone', async () => {
    const id = await create();
    expect(await deleteSchedule(runtime.ctx, id)).toEqual({ job_id: id, deleted: true });
    expect(runtime.last()).toMatchObject({ method: 'DELETE', path: `/schedules/${id}` });
    expect(await catchError(deleteSchedule(runtime.ctx, id))).toMatchObject({ status: 404, code: 'SCHEDULE_NOT_FOUND' });
  });
});

describe('getSchedulerHealth', () => {
  it('GET /health/scheduler: the counts', async () => {
    const health = await getSchedulerHealth(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/health/scheduler' });
    expect(health).toMatchObject({ is_running: true, store_accessible: true, max_concurrent: 100, jobs_dead_letter: 0 });
    expect(health.jobs_total).toBe((await listSchedules(runtime.ctx)).length);
  });
});

describe('responses as the runtime writes them', () => {
  it('parses +00:00 offsets with 0–9 fractional digits and nulls; refuses a next run that is not a date-time', async () => {
    const server = await startScriptedServer();
    try {
      const scripted = createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });
      const detail = {
        job_id: 'j', name: 'n', cron_expression: '0 0 9 * * *', timezone: 'UTC', status: 'DeadLetter', enabled: false,
        one_shot: false, next_run: null, last_run: '2026-11-29T09:00:00.123456789+00:00', run_count: 3, failure_count: 3,
        created_at: '2026-11-01T00:00:00+00:00', updated_at: '2026-11-29T09:00:00.5Z', future_field: 1,
      };
      server.handle((_, res) => json(res, 200, detail));
      const job = await getSchedule(scripted, 'j');
      expect(job).toMatchObject({ next_run: null, status: 'DeadLetter', future_field: 1, run_count: 3 });
      expect(job.last_run!.toISOString()).toBe('2026-11-29T09:00:00.123Z');

      server.handle((_, res) => json(res, 200, { job_id: 'j', next_runs: ['2026-11-29T09:00:00+00:00', 'not a date'] }));
      expect(await catchError(getScheduleNextRuns(scripted, 'j'))).toBeInstanceOf(ResponseValidationError);
    } finally {
      await server.close();
    }
  });
});
