import { useMockRuntime } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEED_AGENTS, startMockRuntime } from '../index.ts';

const API_KEY = 'core-key';

const runtime = useMockRuntime({ apiKey: API_KEY, enterprise: false });
afterEach(() => {
  vi.useRealTimers();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(`${runtime.mock.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const type = res.headers.get('content-type');
  return { status: res.status, type, body: text === '' ? undefined : type?.startsWith('application/json') ? (JSON.parse(text) as unknown) : text };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const EXTERNAL = { External: { endpoint: null, agentpin_domain: null, heartbeat_interval_secs: 10 } };
const error = (code: string, message: string | ReturnType<typeof expect.any>) => ({ error: message, code, details: null });

async function createExternal(name = 'ext'): Promise<string> {
  const res = await call('POST', '/agents', { name, execution_mode: EXTERNAL });
  expect(res.status).toBe(200);
  return (res.body as { id: string }).id;
}

describe('health, probes, status and metrics', () => {
  it('GET /health', async () => {
    const res = await call('GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'healthy', uptime_seconds: expect.any(Number), timestamp: expect.stringMatching(ISO), version: '0.1.0-mock' } });
  });

  it('GET /health/live and /health/ready: 200, empty', async () => {
    expect(await call('GET', '/health/live')).toEqual({ status: 200, body: undefined, type: null });
    expect(await call('GET', '/health/ready')).toEqual({ status: 200, body: undefined, type: null });
  });

  it('GET /status', async () => {
    const agents = (await call('GET', '/agents')).body as unknown[];
    expect((await call('GET', '/status')).body).toEqual({ version: '0.1.0-mock', healthy: true, agent_count: agents.length, schedule_count: 0, channel_count: 0 });
  });

  it('GET /metrics: the runtime\'s nested body', async () => {
    const body = (await call('GET', '/metrics')).body as { agents: Record<string, number>; system: Record<string, number> };
    expect(Object.keys(body).sort()).toEqual(['agents', 'system']);
    expect(Object.keys(body.agents).sort()).toEqual(['error', 'idle', 'running', 'total']);
    expect(Object.keys(body.system).sort()).toEqual(['cpu_usage', 'memory_usage', 'uptime_seconds']);
    const states = ((await call('GET', '/agents')).body as { state: string }[]).map((agent) => agent.state);
    expect(body.agents).toEqual({
      total: states.length,
      running: states.filter((state) => state === 'Running').length,
      error: states.filter((state) => state === 'Failed').length,
      idle: states.filter((state) => state !== 'Running' && state !== 'Failed').length,
    });
  });
});

describe('agents', () => {
  it('starts with two seeded agents of PascalCase states and UUID ids', async () => {
    const res = await call('GET', '/agents');
    expect((res.body as unknown[]).slice(0, 2)).toEqual([
      { id: SEED_AGENTS.example, name: 'Example Agent', state: 'Running' },
      { id: SEED_AGENTS.external, name: 'External Worker', state: 'Created' },
    ]);
    expect(Object.values(SEED_AGENTS).every((id) => UUID.test(id))).toBe(true);
    expect((await call('GET', `/agents/${SEED_AGENTS.example}/status`)).body).toEqual({
      agent_id: SEED_AGENTS.example,
      state: 'Running',
      last_activity: expect.stringMatching(ISO),
      resource_usage: { memory_bytes: expect.any(Number), cpu_percent: expect.any(Number), active_tasks: expect.any(Number) },
      execution_mode: 'Persistent',
    });
  });

  it('create → list → status → update → execute → history → delete', async () => {
    const created = await call('POST', '/agents', { name: 'lifecycle', dsl: 'agent lifecycle { }', capabilities: ['x'], metadata: { a: 'b' } });
    expect(created).toMatchObject({ status: 200, body: { id: expect.stringMatching(UUID), status: 'scheduled' } });
    const id = (created.body as { id: string }).id;
    expect((await call('GET', '/agents')).body).toContainEqual({ id, name: 'lifecycle', state: 'Ready' });
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ agent_id: id, state: 'Ready', execution_mode: 'Ephemeral' });

    expect((await call('PUT', `/agents/${id}`, { name: 'Renamed' })).body).toEqual({ id, status: 'updated' });
    expect((await call('GET', '/agents')).body).toContainEqual({ id, name: 'Renamed', state: 'Ready' });

    const run = await call('POST', `/agents/${id}/execute`, { ignored: true });
    expect(run).toMatchObject({ status: 200, body: { execution_id: expect.stringMatching(UUID), status: 'execution_started' } });
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ state: 'Running' });
    expect((await call('GET', `/agents/${id}/history`)).body).toEqual({
      history: [
        { execution_id: id, status: 'created', timestamp: expect.stringMatching(ISO) },
        { execution_id: (run.body as { execution_id: string }).execution_id, status: 'execution_started', timestamp: expect.stringMatching(ISO) },
      ],
    });

    expect((await call('DELETE', `/agents/${id}`)).body).toEqual({ id, status: 'deleted' });
    expect((await call('GET', '/agents')).body).not.toContainEqual(expect.objectContaining({ id }));
  });

  it('answers an unknown agent as the runtime does: 404 for status, 500 for update/delete/execute, [] for history', async () => {
    expect(await call('GET', `/agents/${UNKNOWN}/status`)).toMatchObject({ status: 404, body: error('AGENT_NOT_FOUND', `Internal error: Agent ${UNKNOWN} not found`) });
    expect(await call('PUT', `/agents/${UNKNOWN}`, { name: 'x' })).toMatchObject({ status: 500, body: error('AGENT_UPDATE_FAILED', `Scheduler error: Agent not found: ${UNKNOWN}`) });
    expect(await call('DELETE', `/agents/${UNKNOWN}`)).toMatchObject({ status: 500, body: error('AGENT_DELETION_FAILED', `Scheduler error: Agent not found: ${UNKNOWN}`) });
    expect(await call('POST', `/agents/${UNKNOWN}/execute`, {})).toMatchObject({ status: 500, body: error('AGENT_EXECUTION_FAILED', `Internal error: Agent ${UNKNOWN} not found`) });
    expect(await call('GET', `/agents/${UNKNOWN}/history`)).toMatchObject({ status: 200, body: { history: [] } });
  });

  it('answers a non-UUID agent id 400 text/plain on every agent route', async () => {
    for (const [method, path] of [
      ['GET', '/agents/agent-123/status'],
      ['PUT', '/agents/agent-123'],
      ['DELETE', '/agents/agent-123'],
      ['POST', '/agents/agent-123/execute'],
      ['GET', '/agents/agent-123/history'],
      ['POST', '/agents/agent-123/heartbeat'],
      ['POST', '/agents/agent-123/events'],
    ] as const) {
      const res = await call(method, path, method === 'PUT' || method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.type).toBe('text/plain; charset=utf-8');
      expect(res.body).toMatch(/^Invalid URL: /);
    }
  });

  it('createAgent without dsl (not External) is 500 AGENT_CREATION_FAILED; an empty name too; a wrong shape 422', async () => {
    expect(await call('POST', '/agents', { name: 'x' })).toMatchObject({
      status: 500,
      body: error('AGENT_CREATION_FAILED', 'Internal error: Agent DSL cannot be empty for non-external agents'),
    });
    expect(await call('POST', '/agents', { name: 'x', dsl: '', execution_mode: 'Persistent' })).toMatchObject({ status: 500, body: { code: 'AGENT_CREATION_FAILED' } });
    expect(await call('POST', '/agents', { name: '', dsl: 'agent x {}' })).toMatchObject({ status: 500, body: error('AGENT_CREATION_FAILED', 'Internal error: Agent name cannot be empty') });
    for (const body of [
      { dsl: 'agent x {}' },
      { name: 5, dsl: 'agent x {}' },
      { name: 'x', dsl: 'agent x {}', execution_mode: 'Sometimes' },
      { name: 'x', dsl: 'agent x {}', execution_mode: { External: {} } },
      { name: 'x', dsl: 'agent x {}', execution_mode: { Scheduled: { interval: 5 } } },
      { name: 'x', dsl: 'agent x {}', metadata: { a: 1 } },
    ]) {
      const res = await call('POST', '/agents', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.type).toBe('text/plain; charset=utf-8');
    }
  });

  it('updateAgent refuses an empty update and empty fields with 500 AGENT_UPDATE_FAILED', async () => {
    const id = SEED_AGENTS.example;
    expect(await call('PUT', `/agents/${id}`, {})).toMatchObject({ status: 500, body: error('AGENT_UPDATE_FAILED', 'Internal error: At least one field (name or dsl) must be provided for update') });
    expect(await call('PUT', `/agents/${id}`, { name: '' })).toMatchObject({ status: 500, body: { code: 'AGENT_UPDATE_FAILED' } });
    expect(await call('PUT', `/agents/${id}`, { dsl: '' })).toMatchObject({ status: 500, body: { code: 'AGENT_UPDATE_FAILED' } });
    expect((await call('PUT', `/agents/${id}`, { name: 5 })).status).toBe(422);
  });
});

describe('external agents', () => {
  it('takes heartbeats: state, merged metadata and last result show in the status', async () => {
    const id = await createExternal();
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ state: 'Created', execution_mode: 'External', metadata: {}, recent_events: [] });
    expect(await call('POST', `/agents/${id}/heartbeat`, { state: 'Running', metadata: { a: '1' }, last_result: 'done', agentpin_jwt: 'ignored' })).toEqual({ status: 200, body: undefined, type: null });
    await call('POST', `/agents/${id}/heartbeat`, { state: 'Waiting', metadata: { b: '2' } });
    const status = (await call('GET', `/agents/${id}/status`)).body;
    expect(status).toMatchObject({ state: 'Waiting', metadata: { a: '1', b: '2' }, last_result: 'done', resource_usage: { memory_bytes: 0, cpu_percent: 0, active_tasks: 0 } });
    expect((await call('POST', `/agents/${id}/heartbeat`, { state: 'running' })).status).toBe(422);
  });

  it('answers heartbeats and events of a non-External (or unknown) agent 404 HEARTBEAT_FAILED / PUSH_EVENT_FAILED', async () => {
    for (const id of [SEED_AGENTS.example, UNKNOWN]) {
      expect(await call('POST', `/agents/${id}/heartbeat`, { state: 'Running' })).toMatchObject({
        status: 404,
        body: error('HEARTBEAT_FAILED', `Internal error: Agent ${id} is not an external agent`),
      });
      expect(await call('POST', `/agents/${id}/events`, { event_type: 'RunStarted', payload: {} })).toMatchObject({ status: 404, body: { code: 'PUSH_EVENT_FAILED' } });
    }
  });

  it('keeps the last 100 events, returned in recent_events', async () => {
    const id = await createExternal('events');
    for (let index = 0; index < 103; index++) {
      expect((await call('POST', `/agents/${id}/events`, { event_type: 'RunCompleted', payload: { index } })).status).toBe(200);
    }
    const events = ((await call('GET', `/agents/${id}/status`)).body as { recent_events: { payload: { index: number }; timestamp: string }[] }).recent_events;
    expect(events).toHaveLength(100);
    expect(events[0]).toEqual({ event_type: 'RunCompleted', payload: { index: 3 }, timestamp: expect.stringMatching(ISO) });
    expect(events.at(-1)!.payload.index).toBe(102);
    expect((await call('POST', `/agents/${id}/events`, { event_type: 'Done', payload: 1 })).status).toBe(422);
    expect((await call('POST', `/agents/${id}/events`, { event_type: 'RunStarted' })).status).toBe(422);
  });

  it('marks an agent Unreachable after 3 × heartbeat_interval_secs without a heartbeat (never before its first)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const id = await createExternal('silent');
    vi.setSystemTime(Date.now() + 3_600_000);
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ state: 'Created' });
    await call('POST', `/agents/${id}/heartbeat`, { state: 'Running' });
    vi.setSystemTime(Date.now() + 30_000); // exactly 3 × 10 s: not yet
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ state: 'Running' });
    vi.setSystemTime(Date.now() + 1_000);
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ state: 'Unreachable' });
    expect((await call('GET', '/agents')).body).toContainEqual({ id, name: 'silent', state: 'Unreachable' });
    await call('POST', `/agents/${id}/heartbeat`, { state: 'Ready' });
    expect((await call('GET', `/agents/${id}/status`)).body).toMatchObject({ state: 'Ready' });
  });
});

describe('workflows', () => {
  it('executes a workflow: the runtime\'s result, a new agent when none is given', async () => {
    const res = await call('POST', '/workflows/execute', { workflow_id: 'agent report { name: "Report" }', parameters: { a: 1 } });
    expect(res).toEqual({
      status: 200,
      type: 'application/json',
      body: {
        status: 'success',
        workflow_id: 'agent report { name: "Report" }',
        agent_id: expect.stringMatching(UUID),
        execution_started: true,
        metadata: { name: 'Report' },
        system_status: { total_agents: expect.any(Number), running_agents: expect.any(Number), resource_utilization: expect.any(Object) },
        parameters: { a: 1 },
      },
    });
    const agentId = (res.body as { agent_id: string }).agent_id;
    expect((await call('GET', `/agents/${agentId}/history`)).body).toEqual({ history: [{ execution_id: agentId, status: 'workflow_started', timestamp: expect.stringMatching(ISO) }] });

    const targeted = await call('POST', '/workflows/execute', { workflow_id: 'agent x { }', parameters: null, agent_id: SEED_AGENTS.example });
    expect(targeted.body).toMatchObject({ agent_id: SEED_AGENTS.example, metadata: {} });
    expect(targeted.body).not.toHaveProperty('parameters');
  });

  it('answers a wrong shape 422 and DSL that does not parse 500 WORKFLOW_EXECUTION_FAILED', async () => {
    for (const body of [{ parameters: {} }, { workflow_id: 'wf' }, { workflow_id: 1, parameters: {} }, { workflow_id: 'agent x {}', parameters: {}, agent_id: 'ghost' }]) {
      expect((await call('POST', '/workflows/execute', body)).status, JSON.stringify(body)).toBe(422);
    }
    expect(await call('POST', '/workflows/execute', { workflow_id: 'wf-1', parameters: {} })).toMatchObject({
      status: 500,
      body: error('WORKFLOW_EXECUTION_FAILED', 'Internal error: DSL contains syntax errors'),
    });
  });
});

describe('enterprise routes of the core domain', () => {
  it('serves agent metrics only with enterprise: true', async () => {
    expect((await call('GET', `/agents/${SEED_AGENTS.example}/metrics`)).status).toBe(404);
    const enterprise = await startMockRuntime();
    try {
      const res = await fetch(`${enterprise.url}/agents/${SEED_AGENTS.example}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ agent_id: SEED_AGENTS.example, tasks_completed: 0, last_activity: expect.stringMatching(ISO) });
    } finally {
      await enterprise.close();
    }
  });
});
