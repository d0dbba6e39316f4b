import { type RawAnswer, rawCall, useMockRuntime } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';

const API_KEY = 'schedules-key';

const runtime = useMockRuntime({ apiKey: API_KEY });
afterEach(() => {
  vi.useRealTimers();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> =>
  rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body), headers, parse: 'by-type' });

/** chrono's `to_rfc3339()`: `+00:00`, fractional digits only when non-zero. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function create(fields: Record<string, unknown> = {}): Promise<string> {
  const created = await call('POST', '/schedules', { name: 'job', cron_expression: '0 30 9 * * * 2031', agent_name: 'reporter', ...fields });
  expect(created.status).toBe(201);
  return created.body.job_id as string;
}

describe('schedules: create, read, list', () => {
  it('creates a job with a UUID and a computed next run, and reads it back in full', async () => {
    const created = await call('POST', '/schedules', { name: 'nightly', cron_expression: '0 30 9 * * * 2031', agent_name: 'reporter', timezone: 'America/New_York' });
    expect(created).toMatchObject({ status: 201, body: { job_id: expect.stringMatching(UUID), next_run: '2031-01-01T14:30:00+00:00', status: 'created' } });
    const id = created.body.job_id as string;

    const detail = await call('GET', `/schedules/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual({
      job_id: id,
      name: 'nightly',
      cron_expression: '0 30 9 * * * 2031',
      timezone: 'America/New_York',
      status: 'Active',
      enabled: true,
      one_shot: false,
      next_run: '2031-01-01T14:30:00+00:00',
      last_run: null,
      run_count: 0,
      failure_count: 0,
      created_at: expect.stringMatching(RFC3339),
      updated_at: expect.stringMatching(RFC3339),
    });

    const list = await call('GET', '/schedules');
    expect(list.body).toContainEqual({
      job_id: id, name: 'nightly', cron_expression: '0 30 9 * * * 2031', timezone: 'America/New_York',
      status: 'Active', enabled: true, next_run: '2031-01-01T14:30:00+00:00', run_count: 0,
    });
  });

  it('defaults the time zone to UTC (also for an empty one), policies to [] and one_shot to false', async () => {
    const id = await create();
    expect((await call('GET', `/schedules/${id}`)).body).toMatchObject({ timezone: 'UTC', one_shot: false, next_run: '2031-01-01T09:30:00+00:00' });
    const blank = await create({ timezone: '' });
    expect((await call('GET', `/schedules/${blank}`)).body).toMatchObject({ timezone: 'UTC' });
  });

  it('a cron expression or time zone it cannot use is a 500 with a JSON code, like the runtime', async () => {
    for (const cron_expression of ['*/5 * * * *', 'not a cron', '0 0 25 * * *']) {
      const answer = await call('POST', '/schedules', { name: 'bad', cron_expression, agent_name: 'a' });
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error: expect.stringMatching(/^Internal error: invalid cron expression \(expected 6-field/), code: 'CREATE_SCHEDULE_FAILED', details: null });
    }
    const zone = await call('POST', '/schedules', { name: 'bad', cron_expression: '0 0 9 * * *', agent_name: 'a', timezone: 'Mars/Olympus' });
    expect(zone).toMatchObject({ status: 500, body: { error: 'Internal error: invalid timezone: Mars/Olympus', code: 'CREATE_SCHEDULE_FAILED', details: null } });
  });

  it('a null timezone, policy_ids or one_shot, a missing field or a wrong type is a text/plain 422', async () => {
    const base = { name: 'n', cron_expression: '0 0 9 * * *', agent_name: 'a' };
    for (const body of [{ ...base, timezone: null }, { ...base, policy_ids: null }, { ...base, one_shot: null }, { name: 'n', agent_name: 'a' }, { ...base, one_shot: 'yes' }, { ...base, policy_ids: [1] }]) {
      const answer = await call('POST', '/schedules', body);
      expect(answer.status).toBe(422);
      expect(answer.type).toMatch(/^text\/plain/);
      expect(answer.text).toMatch(/^Failed to deserialize the JSON body into the target type: /);
    }
    const notJson = await call('POST', '/schedules', JSON.stringify(base), { 'content-type': 'text/plain' });
    expect(notJson).toMatchObject({ status: 415, text: 'Expected request with `Content-Type: application/json`' });
  });
});

describe('schedules: next runs', () => {
  it('always 10, computed in the job\'s time zone, DST included', async () => {
    const id = await create({ cron_expression: '0 0 12 * * * 2031', timezone: 'Europe/Berlin' });
    const answer = await call('GET', `/schedules/${id}/next-runs?count=3`);
    expect(answer.status).toBe(200);
    expect(answer.body.job_id).toBe(id);
    expect(answer.body.next_runs).toHaveLength(10);
    expect(answer.body.next_runs.slice(0, 2)).toEqual(['2031-01-01T11:00:00+00:00', '2031-01-02T11:00:00+00:00']);

    // Summer time in Berlin starts on 30 March 2031: noon is then 10:00 UTC.
    await call('PUT', `/schedules/${id}`, { cron_expression: '0 0 12 29-31 3 * 2031' });
    const dst = await call('GET', `/schedules/${id}/next-runs`);
    expect(dst.body.next_runs).toEqual(['2031-03-29T11:00:00+00:00', '2031-03-30T10:00:00+00:00', '2031-03-31T10:00:00+00:00']);
  });

  it('day-of-week counts 1–7 from Sunday and combines with day-of-month (AND), as the cron crate does', async () => {
    const monday = await create({ cron_expression: '0 0 8 * * 2 2031' });
    expect((await call('GET', `/schedules/${monday}/next-runs`)).body.next_runs.slice(0, 2)).toEqual(['2031-01-06T08:00:00+00:00', '2031-01-13T08:00:00+00:00']);
    const named = await create({ cron_expression: '0 0 8 * * MON 2031' });
    expect((await call('GET', `/schedules/${named}/next-runs`)).body.next_runs[0]).toBe('2031-01-06T08:00:00+00:00');
    // The 1st of a month that is also a Saturday (7): February and March 2031.
    const both = await create({ cron_expression: '0 0 8 1 * 7 2031' });
    expect((await call('GET', `/schedules/${both}/next-runs`)).body.next_runs).toEqual(['2031-02-01T08:00:00+00:00', '2031-03-01T08:00:00+00:00', '2031-11-01T08:00:00+00:00']);
  });

  it('seconds are the first field; nicknames work; a past year has no next run', async () => {
    const seconds = await create({ cron_expression: '15,45 0 0 1 1 * 2031' });
    expect((await call('GET', `/schedules/${seconds}/next-runs`)).body.next_runs).toEqual(['2031-01-01T00:00:15+00:00', '2031-01-01T00:00:45+00:00']);
    const hourly = await create({ cron_expression: '@hourly' });
    const hours = (await call('GET', `/schedules/${hourly}/next-runs`)).body.next_runs as string[];
    expect(hours).toHaveLength(10);
    for (const time of hours) expect(time).toMatch(/T\d\d:00:00\+00:00$/);

    const created = await call('POST', '/schedules', { name: 'past', cron_expression: '0 0 9 * * * 2020', agent_name: 'a' });
    expect(created.body.next_run).toBeNull();
    expect((await call('GET', `/schedules/${created.body.job_id}/next-runs`)).body.next_runs).toEqual([]);
  });
});

describe('schedules: update, pause, resume, trigger, delete', () => {
  it('update changes the given fields and recomputes next_run; failures are 500 UPDATE_SCHEDULE_FAILED', async () => {
    const id = await create();
    const updated = await call('PUT', `/schedules/${id}`, { cron_expression: '0 0 6 * * * 2032', timezone: 'Asia/Tokyo', one_shot: true, policy_ids: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ job_id: id, cron_expression: '0 0 6 * * * 2032', timezone: 'Asia/Tokyo', one_shot: true, next_run: '2031-12-31T21:00:00+00:00' });

    const bad = await call('PUT', `/schedules/${id}`, { cron_expression: '0 0 6 * *' });
    expect(bad).toMatchObject({ status: 500, body: { code: 'UPDATE_SCHEDULE_FAILED', details: null } });
    expect((await call('GET', `/schedules/${id}`)).body.cron_expression).toBe('0 0 6 * * * 2032');

    const missing = await call('PUT', `/schedules/${crypto.randomUUID()}`, {});
    expect(missing).toMatchObject({ status: 500, body: { error: expect.stringMatching(/^Internal error: job not found: /), code: 'UPDATE_SCHEDULE_FAILED' } });
    expect(await call('PUT', `/schedules/${id}`, { one_shot: 'no' })).toMatchObject({ status: 422 });
  });

  it('pause and resume change status and enabled; trigger adds a run to the history, newest first', async () => {
    const id = await create();
    expect(await call('POST', `/schedules/${id}/pause`)).toMatchObject({ status: 200, body: { job_id: id, action: 'pause', status: 'paused' } });
    expect((await call('GET', `/schedules/${id}`)).body).toMatchObject({ status: 'Paused', enabled: false });
    expect((await call('GET', '/health/scheduler')).body.jobs_paused).toBeGreaterThanOrEqual(1);

    expect(await call('POST', `/schedules/${id}/trigger`)).toMatchObject({ status: 200, body: { job_id: id, action: 'trigger', status: 'triggered' } });
    await call('POST', `/schedules/${id}/trigger`);
    const history = await call('GET', `/schedules/${id}/history?limit=1`);
    expect(history.body.job_id).toBe(id);
    expect(history.body.history).toHaveLength(2);
    const [newest, older] = history.body.history;
    expect(newest).toEqual({ run_id: expect.stringMatching(UUID), started_at: expect.stringMatching(RFC3339), completed_at: expect.stringMatching(RFC3339), status: 'Succeeded', error: null, execution_time_ms: expect.any(Number) });
    expect(Date.parse(newest.started_at)).toBeGreaterThanOrEqual(Date.parse(older.started_at));
    // A manual trigger is not a scheduled run: run_count and last_run stay.
    expect((await call('GET', `/schedules/${id}`)).body).toMatchObject({ run_count: 0, last_run: null });

    expect(await call('POST', `/schedules/${id}/resume`)).toMatchObject({ status: 200, body: { job_id: id, action: 'resume', status: 'active' } });
    expect((await call('GET', `/schedules/${id}`)).body).toMatchObject({ status: 'Active', enabled: true });
  });

  it('the history keeps the newest 50', async () => {
    const id = await create();
    for (let i = 0; i < 52; i++) await call('POST', `/schedules/${id}/trigger`);
    expect((await call('GET', `/schedules/${id}/history`)).body.history).toHaveLength(50);
  });

  it('delete removes the job; then it is 404 everywhere, each route with its code', async () => {
    const id = await create();
    expect(await call('DELETE', `/schedules/${id}`)).toMatchObject({ status: 200, body: { job_id: id, deleted: true } });
    const codes: Array<[string, string, string]> = [
      ['GET', '', 'SCHEDULE_NOT_FOUND'],
      ['DELETE', '', 'SCHEDULE_NOT_FOUND'],
      ['POST', '/pause', 'SCHEDULE_PAUSE_FAILED'],
      ['POST', '/resume', 'SCHEDULE_RESUME_FAILED'],
      ['POST', '/trigger', 'SCHEDULE_TRIGGER_FAILED'],
      ['GET', '/next-runs', 'SCHEDULE_NEXT_RUNS_FAILED'],
    ];
    for (const [method, suffix, code] of codes) {
      const answer = await call(method, `/schedules/${id}${suffix}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: `Internal error: job not found: ${id}`, code, details: null });
    }
    // The runtime answers the history of an unknown job from its run log: empty.
    expect(await call('GET', `/schedules/${id}/history`)).toMatchObject({ status: 200, body: { job_id: id, history: [] } });
    expect(await call('GET', '/schedules/not-a-uuid/history')).toMatchObject({ status: 404, body: { error: 'Internal error: Invalid job ID: not-a-uuid', code: 'SCHEDULE_HISTORY_FAILED' } });
    expect(await call('GET', '/schedules/not-a-uuid')).toMatchObject({ status: 404, body: { code: 'SCHEDULE_NOT_FOUND' } });
  });
});

describe('schedules: the scheduler runs what is due', () => {
  it('a due job runs (history, run_count, last_run, metrics); a one-shot job then completes', async () => {
    const before = (await call('GET', '/health/scheduler')).body;
    const id = await create({ cron_expression: '0 0 0 1 1 * 2031', one_shot: true });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-01-01T00:00:01Z'));
    const detail = (await call('GET', `/schedules/${id}`)).body;
    expect(detail).toMatchObject({ status: 'Completed', enabled: false, run_count: 1, last_run: '2031-01-01T00:00:00+00:00', next_run: null });
    const { history } = (await call('GET', `/schedules/${id}/history`)).body;
    expect(history).toEqual([expect.objectContaining({ started_at: '2031-01-01T00:00:00+00:00', status: 'Succeeded' })]);
    const after = (await call('GET', '/health/scheduler')).body;
    expect(after.runs_total).toBeGreaterThan(before.runs_total);
    expect(after.runs_succeeded).toBeGreaterThan(before.runs_succeeded);
  });
});

describe('scheduler health', () => {
  it('counts the jobs by state and reports the run metrics', async () => {
    const health = await call('GET', '/health/scheduler');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      is_running: true,
      store_accessible: true,
      jobs_total: expect.any(Number),
      jobs_active: expect.any(Number),
      jobs_paused: expect.any(Number),
      jobs_dead_letter: 0,
      global_active_runs: 0,
      max_concurrent: 100,
      runs_total: expect.any(Number),
      runs_succeeded: expect.any(Number),
      runs_failed: 0,
      average_execution_time_ms: expect.any(Number),
      longest_run_ms: expect.any(Number),
    });
    const list = (await call('GET', '/schedules')).body as Array<{ status: string }>;
    expect(health.body.jobs_total).toBe(list.length);
    expect(health.body.jobs_active).toBe(list.filter((job) => job.status === 'Active').length);
  });

  it('requires the API key', async () => {
    const res = await fetch(`${runtime.mock.url}/health/scheduler`);
    expect(res.status).toBe(401);
  });
});
