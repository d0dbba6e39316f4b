// Every runtime endpoint of @symbiont/core against the mock runtime in its runtime-faithful mode
// (`enterprise: false`): method, path and body received, result, and each error the contract lists.
import { SEED_AGENTS, startMockRuntime, type MockRuntime } from '@symbiont/mock-runtime';
import { json, startScriptedServer } from '@symbiont/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from './createAgent.ts';
import { createContext, type Context } from './createContext.ts';
import { deleteAgent } from './deleteAgent.ts';
import { APIError, AuthenticationError, NotFoundError, ValidationError } from './errors.ts';
import { executeAgent } from './executeAgent.ts';
import { executeWorkflow } from './executeWorkflow.ts';
import { getAgentHistory } from './getAgentHistory.ts';
import { getAgentMetrics } from './getAgentMetrics.ts';
import { getAgentStatus } from './getAgentStatus.ts';
import { getMetrics } from './getMetrics.ts';
import { getRuntimeStatus } from './getRuntimeStatus.ts';
import { healthCheck } from './healthCheck.ts';
import { isLive } from './isLive.ts';
import { isReady } from './isReady.ts';
import { listAgents } from './listAgents.ts';
import { AgentEventType, AgentState, type CreateAgentRequest, type ExecutionMode } from './models.ts';
import { pushAgentEvent } from './pushAgentEvent.ts';
import { sendHeartbeat } from './sendHeartbeat.ts';
import { updateAgent } from './updateAgent.ts';

const KEY = 'ops-key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let runtime: MockRuntime;
let ctx: Context;
beforeAll(async () => {
  runtime = await startMockRuntime({ apiKey: KEY, enterprise: false });
  ctx = createContext({ baseUrl: runtime.url, apiKey: KEY, maxRetries: 0 });
});
afterAll(() => runtime.close());
beforeEach(() => runtime.clearRequests());

const last = () => runtime.requests.at(-1)!;

/** The rejection of `promise` (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

const external = (secs = 60): ExecutionMode => ({ External: { endpoint: null, agentpin_domain: null, heartbeat_interval_secs: secs } });

describe('system', () => {
  it('healthCheck: GET /health, public, dates converted', async () => {
    const health = await healthCheck(createContext({ baseUrl: runtime.url, maxRetries: 0 }));
    expect(last()).toMatchObject({ method: 'GET', path: '/health', body: undefined });
    expect(last().headers.authorization).toBeUndefined();
    expect(health).toMatchObject({ status: 'healthy', version: expect.any(String) });
    expect(health.timestamp).toBeInstanceOf(Date);
  });

  it('isLive: GET /health/live, public, true on an empty 200', async () => {
    await expect(isLive(createContext({ baseUrl: runtime.url }))).resolves.toBe(true);
    expect(last()).toMatchObject({ method: 'GET', path: '/health/live' });
  });

  it('isReady: true on 200; false on 503, answered by one request even with retries allowed', async () => {
    await expect(isReady(ctx)).resolves.toBe(true);
    expect(last()).toMatchObject({ method: 'GET', path: '/health/ready' });

    const starting = await startMockRuntime({ enterprise: false, readyAfterMs: 600_000 });
    try {
      const patient = createContext({ baseUrl: starting.url, maxRetries: 3 });
      await expect(isReady(patient, { maxRetries: 3, retry: true })).resolves.toBe(false);
      expect(starting.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health/ready']);
      // Another failure still rejects.
      starting.setFault(() => ({ status: 500, body: { error: 'Internal error: boom', code: 'X', details: null } }));
      await expect(isReady(patient, { maxRetries: 0 })).rejects.toMatchObject({ status: 500 });
    } finally {
      await starting.close();
    }
  });

  it('isReady: only the 503 is final; a 502, a 504 or a reset is retried as any GET', async () => {
    const server = await startScriptedServer();
    try {
      const probe = createContext({ baseUrl: server.url, maxRetries: 3 });
      const script = (...steps: ('reset' | number)[]) => {
        server.requests.length = 0;
        let n = 0;
        server.handle((_, res, raw) => {
          const step = steps[Math.min(n++, steps.length - 1)]!;
          if (step == 'reset') raw.socket.destroy();
          else json(res, step, step == 200 ? { status: 'ready' } : {});
        });
      };
      script(503, 200);
      await expect(isReady(probe)).resolves.toBe(false);
      expect(server.requests).toHaveLength(1);
      script(502, 200);
      await expect(isReady(probe)).resolves.toBe(true);
      expect(server.requests).toHaveLength(2);
      script(504, 503, 200);
      await expect(isReady(probe)).resolves.toBe(false);
      expect(server.requests).toHaveLength(2);
      script('reset', 200);
      await expect(isReady(probe)).resolves.toBe(true);
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /health/ready', 'GET /health/ready']);
    } finally {
      await server.close();
    }
  });

  it('getRuntimeStatus: GET /status', async () => {
    const status = await getRuntimeStatus(ctx);
    expect(last()).toMatchObject({ method: 'GET', path: '/status' });
    expect(status).toEqual({ version: expect.any(String), healthy: true, agent_count: expect.any(Number), schedule_count: 0, channel_count: 0 });
    expect(status.agent_count).toBe((await listAgents(ctx)).length);
  });

  it('getMetrics: GET /metrics, the nested body, unknown fields kept', async () => {
    const metrics = await getMetrics(ctx);
    expect(last()).toMatchObject({ method: 'GET', path: '/metrics' });
    expect(metrics).toEqual({
      agents: { total: expect.any(Number), running: expect.any(Number), idle: expect.any(Number), error: expect.any(Number) },
      system: { uptime_seconds: expect.any(Number), memory_usage: expect.any(Number), cpu_usage: expect.any(Number) },
    });
    expect(metrics.agents.total).toBe(metrics.agents.running + metrics.agents.idle + metrics.agents.error);

    const server = await startScriptedServer((_, res) =>
      json(res, 200, { agents: { total: 1, running: 1, idle: 0, error: 0, paused: 0 }, system: { uptime_seconds: 5, memory_usage: 1, cpu_usage: 0.5 }, gpu: 'none' }),
    );
    try {
      const extra = await getMetrics(createContext({ baseUrl: server.url, maxRetries: 0 }));
      expect(extra).toMatchObject({ gpu: 'none', agents: { paused: 0 } });
    } finally {
      await server.close();
    }
  });

  it('getAgentMetrics: not served by the open-source runtime (an empty 404), served by an Enterprise one', async () => {
    const error = await rejection(getAgentMetrics(ctx, SEED_AGENTS.example));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.responseText).toBe('');
    expect(last()).toMatchObject({ method: 'GET', path: `/agents/${SEED_AGENTS.example}/metrics` });

    const enterprise = await startMockRuntime();
    try {
      const metrics = await getAgentMetrics(createContext({ baseUrl: enterprise.url, maxRetries: 0 }), SEED_AGENTS.example);
      expect(metrics.agent_id).toBe(SEED_AGENTS.example);
      expect(metrics.last_activity).toBeInstanceOf(Date);
    } finally {
      await enterprise.close();
    }
  });

  it('a wrong key is an AuthenticationError (the runtime answers 401 with an empty body)', async () => {
    const error = await rejection(listAgents(createContext({ baseUrl: runtime.url, apiKey: 'wrong', maxRetries: 0 })));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.responseText).toBe('');
    expect(last().headers.authorization).toBe('Bearer wrong');
  });
});

describe('agents', () => {
  it('listAgents: GET /agents → { id, name, state } of the two seeded agents', async () => {
    const agents = await listAgents(ctx);
    expect(last()).toMatchObject({ method: 'GET', path: '/agents' });
    expect(agents.slice(0, 2)).toEqual([
      { id: SEED_AGENTS.example, name: 'Example Agent', state: AgentState.RUNNING },
      { id: SEED_AGENTS.external, name: 'External Worker', state: AgentState.CREATED },
    ]);
  });

  it('getAgentStatus: GET /agents/{id}/status; an unknown agent is a NotFoundError AGENT_NOT_FOUND', async () => {
    const status = await getAgentStatus(ctx, SEED_AGENTS.example);
    expect(last()).toMatchObject({ method: 'GET', path: `/agents/${SEED_AGENTS.example}/status` });
    expect(status).toMatchObject({ agent_id: SEED_AGENTS.example, state: 'Running', execution_mode: 'Persistent' });
    expect(status.last_activity).toBeInstanceOf(Date);
    expect(status).not.toHaveProperty('recent_events');

    const missing = await rejection(getAgentStatus(ctx, UNKNOWN));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'AGENT_NOT_FOUND', details: null });
  });

  it('a non-UUID agent id is the runtime\'s 400 text/plain, sent percent-encoded', async () => {
    const error = await rejection(getAgentStatus(ctx, 'agent/123'));
    expect(last().path).toBe('/agents/agent%2F123/status');
    expect(error.status).toBe(400);
    expect(error.responseText).toMatch(/^Invalid URL: /);
    expect(error.code).toBeUndefined();
  });

  it('createAgent → status → update → execute → history → delete, with the runtime\'s bodies', async () => {
    const request: CreateAgentRequest = {
      name: 'ops',
      dsl: 'agent ops { name: "Ops" }',
      execution_mode: { CronScheduled: { cron_expression: '0 0 9 * * *', timezone: 'UTC' } },
      capabilities: ['summarise'],
      metadata: { team: 'ops' },
    };
    const created = await createAgent(ctx, request);
    expect(last()).toMatchObject({ method: 'POST', path: '/agents', body: request });
    expect(last().headers['content-type']).toBe('application/json');
    expect(created).toEqual({ id: expect.stringMatching(UUID), status: 'scheduled' });
    const { id } = created;

    expect(await getAgentStatus(ctx, id)).toMatchObject({ agent_id: id, execution_mode: 'CronScheduled' });

    await expect(updateAgent(ctx, id, { name: 'Renamed', dsl: 'agent ops2 { name: "Ops 2" }' })).resolves.toEqual({ id, status: 'updated' });
    expect(last()).toMatchObject({ method: 'PUT', path: `/agents/${id}`, body: { name: 'Renamed', dsl: 'agent ops2 { name: "Ops 2" }' } });
    expect((await listAgents(ctx)).find((agent) => agent.id === id)?.name).toBe('Renamed');

    const run = await executeAgent(ctx, id);
    expect(last()).toMatchObject({ method: 'POST', path: `/agents/${id}/execute`, body: {} });
    expect(run).toEqual({ execution_id: expect.stringMatching(UUID), status: 'execution_started' });

    const { history } = await getAgentHistory(ctx, id);
    expect(last()).toMatchObject({ method: 'GET', path: `/agents/${id}/history` });
    expect(history.map((entry) => [entry.execution_id, entry.status])).toEqual([
      [id, 'created'],
      [run.execution_id, 'execution_started'],
    ]);
    expect(history[0]!.timestamp).toBeInstanceOf(Date);

    await expect(deleteAgent(ctx, id)).resolves.toEqual({ id, status: 'deleted' });
    expect(last()).toMatchObject({ method: 'DELETE', path: `/agents/${id}`, body: undefined });
    await expect(getAgentStatus(ctx, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('createAgent accepts each of the six execution modes; dsl may be left out for External only', async () => {
    const modes: ExecutionMode[] = ['Persistent', 'Ephemeral', 'EventDriven', { Scheduled: { interval: { secs: 300, nanos: 0 } } }, { CronScheduled: { cron_expression: '0 * * * * *', timezone: 'UTC' } }, external()];
    for (const mode of modes) {
      const { id } = await createAgent(ctx, { name: 'mode', dsl: 'agent m { name: "M" }', execution_mode: mode });
      expect(last().body).toEqual({ name: 'mode', dsl: 'agent m { name: "M" }', execution_mode: mode });
      const label = typeof mode === 'string' ? mode : Object.keys(mode)[0];
      expect((await getAgentStatus(ctx, id)).execution_mode).toBe(label);
    }
    const { id } = await createAgent(ctx, { name: 'remote', execution_mode: external() });
    expect(last().body).toEqual({ name: 'remote', execution_mode: external() });
    expect(await getAgentStatus(ctx, id)).toMatchObject({ state: 'Created', execution_mode: 'External', metadata: {}, recent_events: [] });
  });

  it('createAgent refuses, before sending, a missing or empty dsl (non-External), an empty name, an unknown mode', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x' }, 'dsl'],
      [{ name: 'x', dsl: '' }, 'dsl'],
      [{ name: 'x', dsl: null, execution_mode: 'Persistent' }, 'dsl'],
      [{ name: '', dsl: 'agent x {}' }, 'name'],
      [{ name: 'x', dsl: 'agent x {}', execution_mode: 'Sometimes' }, 'execution_mode'],
      [{ name: 'x', dsl: 'agent x {}', execution_mode: { External: { endpoint: null, agentpin_domain: null } } }, 'execution_mode'],
      [{ name: 'x', dsl: 'agent x {}', execution_mode: { Scheduled: { interval: { secs: 1.5, nanos: 0 } } } }, 'execution_mode'],
      [{ name: 'x', dsl: 'agent x {}', system_prompt: 'v0.3.0 field' }, 'system_prompt'],
    ];
    for (const [request, field] of cases) {
      const error = await createAgent(ctx, request as CreateAgentRequest).catch((reason: unknown) => reason);
      expect(error, JSON.stringify(request)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).operation).toBe('createAgent');
      expect((error as ValidationError).issues.map((issue) => issue.path.split('.')[0]), JSON.stringify(request)).toContain(field);
    }
    expect(runtime.requests).toHaveLength(0);
  });

  it('updateAgent refuses an empty update and empty fields before sending', async () => {
    for (const update of [{}, { name: null }, { name: null, dsl: null }, { name: '' }, { dsl: '' }, { name: 5 }]) {
      await expect(updateAgent(ctx, SEED_AGENTS.example, update as never), JSON.stringify(update)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(runtime.requests).toHaveLength(0);
  });

  it('update, delete and execute of an unknown agent are the runtime\'s 500s with a code; its history is empty', async () => {
    const update = await rejection(updateAgent(ctx, UNKNOWN, { name: 'x' }));
    expect(update).toMatchObject({ status: 500, code: 'AGENT_UPDATE_FAILED', details: null });
    const remove = await rejection(deleteAgent(ctx, UNKNOWN));
    expect(remove).toMatchObject({ status: 500, code: 'AGENT_DELETION_FAILED' });
    const run = await rejection(executeAgent(ctx, UNKNOWN));
    expect(run).toMatchObject({ status: 500, code: 'AGENT_EXECUTION_FAILED' });
    expect(run.message).toContain('Internal error: Agent');
    await expect(getAgentHistory(ctx, UNKNOWN)).resolves.toEqual({ history: [] });
  });

  it('executeAgent takes no input: the body is always {}, a third argument is per-call options', async () => {
    await executeAgent(ctx, SEED_AGENTS.example, { input: 'go' } as never);
    expect(last().body).toEqual({});
    await executeAgent(ctx, SEED_AGENTS.example, { headers: { 'x-trace': 'abc' } });
    expect(last()).toMatchObject({ body: {}, headers: { 'x-trace': 'abc' } });
  });
});

describe('external agents', () => {
  it('sendHeartbeat: POST /agents/{id}/heartbeat → void; the status shows the state, metadata and last result', async () => {
    const { id } = await createAgent(ctx, { name: 'worker', execution_mode: external() });
    const heartbeat = { state: AgentState.RUNNING, metadata: { host: 'worker-1' }, last_result: 'ok' } as const;
    await expect(sendHeartbeat(ctx, id, heartbeat)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'POST', path: `/agents/${id}/heartbeat`, body: heartbeat });
    await sendHeartbeat(ctx, id, { state: 'Running', metadata: { region: 'eu' } });
    expect(await getAgentStatus(ctx, id)).toMatchObject({ state: 'Running', metadata: { host: 'worker-1', region: 'eu' }, last_result: 'ok' });
  });

  it('sendHeartbeat to an agent that is not External is a NotFoundError HEARTBEAT_FAILED; a bad state is refused before sending', async () => {
    const error = await rejection(sendHeartbeat(ctx, SEED_AGENTS.example, { state: 'Running' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('HEARTBEAT_FAILED');
    runtime.clearRequests();
    await expect(sendHeartbeat(ctx, SEED_AGENTS.external, { state: 'running' as never })).rejects.toBeInstanceOf(ValidationError);
    await expect(sendHeartbeat(ctx, SEED_AGENTS.external, {} as never)).rejects.toBeInstanceOf(ValidationError);
    expect(runtime.requests).toHaveLength(0);
  });

  it('pushAgentEvent: POST /agents/{id}/events → void; recent_events has it with a Date', async () => {
    const { id } = await createAgent(ctx, { name: 'pusher', execution_mode: external() });
    const event = { event_type: AgentEventType.RUN_COMPLETED, payload: { items: 12 } };
    await expect(pushAgentEvent(ctx, id, event)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'POST', path: `/agents/${id}/events`, body: event });
    const { recent_events } = await getAgentStatus(ctx, id);
    expect(recent_events).toEqual([{ event_type: 'RunCompleted', payload: { items: 12 }, timestamp: expect.any(Date) }]);

    const error = await rejection(pushAgentEvent(ctx, SEED_AGENTS.example, event));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('PUSH_EVENT_FAILED');
    runtime.clearRequests();
    await expect(pushAgentEvent(ctx, id, { event_type: 'RunCompleted' } as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(pushAgentEvent(ctx, id, { event_type: 'Done', payload: 1 } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(runtime.requests).toHaveLength(0);
  });

  it('agentpin_jwt is a credential: a server echoing the body leaves it in no error', async () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.c2VjcmV0LWNsYWltcw.c2lnbmF0dXJl';
    const server = await startScriptedServer((req, res) => json(res, 401, { error: `bad token in ${req.text}`, code: 'AGENTPIN_VERIFICATION_FAILED', details: req.body }));
    try {
      const scripted = createContext({ baseUrl: server.url, maxRetries: 0 });
      for (const attempt of [
        sendHeartbeat(scripted, SEED_AGENTS.external, { state: 'Running', agentpin_jwt: jwt }),
        pushAgentEvent(scripted, SEED_AGENTS.external, { event_type: 'RunStarted', payload: null, agentpin_jwt: jwt }),
      ]) {
        const error = await rejection(attempt);
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(JSON.stringify({ message: error.message, text: error.responseText, body: error.body, details: error.details })).not.toContain(jwt);
      }
      expect(server.requests.map((r) => (r.body as { agentpin_jwt: string }).agentpin_jwt)).toEqual([jwt, jwt]);
    } finally {
      await server.close();
    }
  });
});

describe('workflows', () => {
  it('executeWorkflow: POST /workflows/execute → WorkflowExecutionResult', async () => {
    const request = { workflow_id: 'agent report { name: "Report" }', parameters: { a: 1 } };
    const result = await executeWorkflow(ctx, request);
    expect(last()).toMatchObject({ method: 'POST', path: '/workflows/execute', body: request });
    expect(Object.keys(last().body as object)).toEqual(['workflow_id', 'parameters']);
    expect(result).toMatchObject({
      status: 'success',
      workflow_id: request.workflow_id,
      agent_id: expect.stringMatching(UUID),
      execution_started: true,
      metadata: expect.any(Object),
      system_status: { total_agents: expect.any(Number), running_agents: expect.any(Number), resource_utilization: expect.any(Object) },
      parameters: { a: 1 },
    });

    const targeted = await executeWorkflow(ctx, { workflow_id: 'agent x { }', parameters: null, agent_id: SEED_AGENTS.example });
    expect(targeted.agent_id).toBe(SEED_AGENTS.example);
    expect(targeted).not.toHaveProperty('parameters');
  });

  it('refuses a request without parameters or workflow_id before sending', async () => {
    await expect(executeWorkflow(ctx, { workflow_id: 'wf' } as never)).rejects.toMatchObject({ name: 'ValidationError', operation: 'executeWorkflow' });
    await expect(executeWorkflow(ctx, { parameters: {} } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(runtime.requests).toHaveLength(0);
  });

  it('sends an optional field given as null as null, and omits one not given', async () => {
    const server = await startScriptedServer((_, res) => json(res, 200, { id: 'a', status: 'updated' }));
    try {
      const scripted = createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });
      await updateAgent(scripted, 'a', { name: null, dsl: 'agent x {}' });
      await updateAgent(scripted, 'a', { dsl: 'agent x {}' });
      expect(server.requests.map((r) => r.body)).toEqual([{ name: null, dsl: 'agent x {}' }, { dsl: 'agent x {}' }]);
      expect(server.requests[1]!.text).not.toContain('name');
    } finally {
      await server.close();
    }
  });
});
