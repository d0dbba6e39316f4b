import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockRuntime, type MockRuntime } from '../index.ts';

let mock: MockRuntime;
const API_KEY = 'core-key';

beforeAll(async () => {
  mock = await startMockRuntime({ apiKey: API_KEY });
});
afterAll(async () => {
  await mock.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${mock.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function agentBody(id: string): Record<string, unknown> {
  return { id, name: 'Test', description: 'A test agent', system_prompt: 'Be brief.', tools: ['search'], model: 'gpt-4', temperature: 0.2, top_p: 0.9, max_tokens: 512 };
}

describe('health and metrics', () => {
  it('GET /health', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'healthy', uptime_seconds: expect.any(Number), timestamp: expect.stringMatching(ISO), version: '0.1.0-mock' });
    expect(Number.isInteger((res.body as { uptime_seconds: number }).uptime_seconds)).toBe(true);
  });

  it('GET /metrics has every SystemMetrics field', async () => {
    const res = await call('GET', '/metrics');
    expect(res.status).toBe(200);
    const body = res.body as Record<string, number>;
    expect(Object.keys(body).sort()).toEqual(
      ['active_agents', 'cpu_usage_percent', 'disk_usage_bytes', 'disk_usage_percent', 'mcp_connections', 'memory_usage_bytes', 'memory_usage_percent', 'secrets_count', 'total_agents', 'uptime_seconds', 'vector_db_items'].sort(),
    );
    for (const field of ['uptime_seconds', 'memory_usage_bytes', 'disk_usage_bytes', 'active_agents', 'total_agents', 'secrets_count', 'mcp_connections', 'vector_db_items']) {
      expect(Number.isInteger(body[field]), field).toBe(true);
    }
    const ids = (await call('GET', '/agents')).body as string[];
    expect(body.total_agents).toBe(ids.length);
    expect(body.active_agents).toBe(ids.length);
    expect(body).toMatchObject({ secrets_count: 0, mcp_connections: 0, vector_db_items: 0 });
  });
});

describe('agents', () => {
  it('starts with the seed agent agent-123', async () => {
    const res = await call('GET', '/agents');
    expect(res.status).toBe(200);
    expect(res.body).toContain('agent-123');
    const status = await call('GET', '/agents/agent-123/status');
    expect(status.body).toEqual({
      agent_id: 'agent-123',
      state: 'idle',
      last_activity: expect.stringMatching(ISO),
      resource_usage: { memory_bytes: expect.any(Number), cpu_percent: expect.any(Number), active_tasks: 0 },
    });
  });

  it('create → list → status → update → execute → history → metrics → delete', async () => {
    expect(await call('POST', '/agents', agentBody('lifecycle'))).toEqual({ status: 200, body: { id: 'lifecycle', status: 'created' } });
    expect((await call('GET', '/agents')).body).toContain('lifecycle');
    expect((await call('GET', '/agents/lifecycle/status')).body).toMatchObject({ agent_id: 'lifecycle', state: 'idle' });

    expect(await call('PUT', '/agents/lifecycle', { name: 'Renamed', dsl: 'agent x {}' })).toEqual({ status: 200, body: { id: 'lifecycle', status: 'updated' } });
    expect(await call('PUT', '/agents/lifecycle', {})).toEqual({ status: 200, body: { id: 'lifecycle', status: 'updated' } });
    expect((await call('PUT', '/agents/lifecycle', { name: 5 })).status).toBe(400);

    const first = await call('POST', '/agents/lifecycle/execute', {});
    expect(first).toEqual({ status: 200, body: { execution_id: expect.any(String), status: 'completed' } });
    const second = await call('POST', '/agents/lifecycle/execute', { input: 'hi' });
    expect(second.status).toBe(200);
    expect((await call('POST', '/agents/lifecycle/execute', [1])).status).toBe(400);

    const history = await call('GET', '/agents/lifecycle/history');
    expect(history.body).toEqual({
      history: [
        { execution_id: (first.body as { execution_id: string }).execution_id, status: 'completed', timestamp: expect.stringMatching(ISO) },
        { execution_id: (second.body as { execution_id: string }).execution_id, status: 'completed', timestamp: expect.stringMatching(ISO) },
      ],
    });

    const metrics = await call('GET', '/agents/lifecycle/metrics');
    expect(metrics.body).toEqual({
      agent_id: 'lifecycle',
      tasks_completed: 2,
      tasks_failed: 0,
      average_response_time_ms: expect.any(Number),
      memory_usage_bytes: expect.any(Number),
      cpu_usage_percent: expect.any(Number),
      last_activity: expect.stringMatching(ISO),
      uptime_seconds: expect.any(Number),
    });

    expect(await call('DELETE', '/agents/lifecycle')).toEqual({ status: 200, body: { id: 'lifecycle', status: 'deleted' } });
    expect((await call('GET', '/agents')).body).not.toContain('lifecycle');
    for (const [method, path] of [
      ['GET', '/agents/lifecycle/status'],
      ['PUT', '/agents/lifecycle'],
      ['DELETE', '/agents/lifecycle'],
      ['POST', '/agents/lifecycle/execute'],
      ['GET', '/agents/lifecycle/history'],
      ['GET', '/agents/lifecycle/metrics'],
    ] as const) {
      const res = await call(method, path, method === 'PUT' || method === 'POST' ? {} : undefined);
      expect(res, `${method} ${path}`).toEqual({ status: 404, body: { error: "agent 'lifecycle' not found", code: 'NOT_FOUND' } });
    }
  });

  it('validates the Agent body and rejects duplicates', async () => {
    const missing = await call('POST', '/agents', { id: 'x', name: 'n' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_ERROR', error: expect.stringContaining('description') });
    expect((await call('POST', '/agents', { ...agentBody('y'), max_tokens: 1.5 })).status).toBe(400);
    expect((await call('POST', '/agents', { ...agentBody('y'), tools: [1] })).status).toBe(400);
    expect((await call('POST', '/agents', { ...agentBody('y'), temperature: '0.2' })).status).toBe(400);
    expect((await call('POST', '/agents')).status).toBe(400);
    const dup = await call('POST', '/agents', agentBody('agent-123'));
    expect(dup).toEqual({ status: 409, body: { error: expect.any(String), code: 'CONFLICT' } });
  });
});

describe('workflows', () => {
  it('executes a workflow', async () => {
    const res = await call('POST', '/workflows/execute', { workflow_id: 'wf-1', parameters: { a: 1 }, agent_id: 'agent-123' });
    expect(res).toEqual({
      status: 200,
      body: { workflow_id: 'wf-1', status: 'completed', execution_id: expect.any(String), result: expect.objectContaining({ parameters: { a: 1 } }) },
    });
  });

  it('validates the request', async () => {
    for (const body of [{ parameters: {} }, { workflow_id: 'wf' }, { workflow_id: 1, parameters: {} }, { workflow_id: 'wf', parameters: [] }, undefined]) {
      const res = await call('POST', '/workflows/execute', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    expect((await call('POST', '/workflows/execute', { workflow_id: 'wf', parameters: {}, agent_id: 'ghost' })).status).toBe(404);
  });
});
