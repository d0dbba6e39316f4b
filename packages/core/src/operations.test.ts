// Every runtime endpoint of @symbiont/core against the mock runtime: method, path, body, result.
import { startMockRuntime, type MockRuntime } from '@symbiont/mock-runtime';
import { json, startScriptedServer } from '@symbiont/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from './createAgent.ts';
import { createContext, type Context } from './createContext.ts';
import { deleteAgent } from './deleteAgent.ts';
import { AuthenticationError, NotFoundError, ValidationError } from './errors.ts';
import { executeAgent } from './executeAgent.ts';
import { executeWorkflow } from './executeWorkflow.ts';
import { getAgentHistory } from './getAgentHistory.ts';
import { getAgentMetrics } from './getAgentMetrics.ts';
import { getAgentStatus } from './getAgentStatus.ts';
import { getMetrics } from './getMetrics.ts';
import { healthCheck } from './healthCheck.ts';
import { listAgents } from './listAgents.ts';
import { updateAgent } from './updateAgent.ts';

let runtime: MockRuntime;
let ctx: Context;
beforeAll(async () => {
  runtime = await startMockRuntime({ apiKey: 'ops-key' });
  ctx = createContext({ baseUrl: runtime.url, apiKey: 'ops-key', maxRetries: 0 });
});
afterAll(() => runtime.close());
beforeEach(() => runtime.clearRequests());

const agent = {
  id: 'ops-agent',
  name: 'Ops',
  description: 'd',
  system_prompt: 'p',
  tools: ['calculator'],
  model: 'gpt-4',
  temperature: 0.7,
  top_p: 0.9,
  max_tokens: 1000,
};
const last = () => runtime.requests.at(-1)!;

describe('runtime endpoints', () => {
  it('healthCheck: GET /health, public, dates converted', async () => {
    const health = await healthCheck(createContext({ baseUrl: runtime.url }));
    expect(last()).toMatchObject({ method: 'GET', path: '/health', body: undefined });
    expect(health.status).toBe('healthy');
    expect(health.timestamp).toBeInstanceOf(Date);
    expect(typeof health.uptime_seconds).toBe('number');
  });

  it('getMetrics: GET /metrics', async () => {
    const metrics = await getMetrics(ctx);
    expect(last()).toMatchObject({ method: 'GET', path: '/metrics' });
    expect(metrics.total_agents).toBeGreaterThanOrEqual(1);
  });

  it('listAgents: GET /agents → ids', async () => {
    await expect(listAgents(ctx)).resolves.toContain('agent-123');
    expect(last()).toMatchObject({ method: 'GET', path: '/agents' });
  });

  it('createAgent → status → update → execute → history → metrics → delete', async () => {
    await expect(createAgent(ctx, agent)).resolves.toMatchObject({ id: 'ops-agent' });
    expect(last()).toMatchObject({ method: 'POST', path: '/agents', body: agent });
    expect(last().headers['content-type']).toBe('application/json');

    const status = await getAgentStatus(ctx, 'ops-agent');
    expect(last()).toMatchObject({ method: 'GET', path: '/agents/ops-agent/status' });
    expect(status.agent_id).toBe('ops-agent');
    expect(status.last_activity).toBeInstanceOf(Date);

    await expect(updateAgent(ctx, 'ops-agent', { name: 'Renamed', dsl: 'agent x {}' })).resolves.toMatchObject({ id: 'ops-agent' });
    expect(last()).toMatchObject({ method: 'PUT', path: '/agents/ops-agent', body: { name: 'Renamed', dsl: 'agent x {}' } });

    const run = await executeAgent(ctx, 'ops-agent');
    expect(last()).toMatchObject({ method: 'POST', path: '/agents/ops-agent/execute', body: {} });
    await executeAgent(ctx, 'ops-agent', { input: 'go' });
    expect(last().body).toEqual({ input: 'go' });

    const { history } = await getAgentHistory(ctx, 'ops-agent');
    expect(last()).toMatchObject({ method: 'GET', path: '/agents/ops-agent/history' });
    expect(history.map((h) => h.execution_id)).toContain(run.execution_id);
    expect(history[0]!.timestamp).toBeInstanceOf(Date);

    const metrics = await getAgentMetrics(ctx, 'ops-agent');
    expect(last()).toMatchObject({ method: 'GET', path: '/agents/ops-agent/metrics' });
    expect(metrics.last_activity).toBeInstanceOf(Date);

    await expect(deleteAgent(ctx, 'ops-agent')).resolves.toMatchObject({ id: 'ops-agent' });
    expect(last()).toMatchObject({ method: 'DELETE', path: '/agents/ops-agent' });
    await expect(getAgentStatus(ctx, 'ops-agent')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('executeWorkflow: POST /workflows/execute with optional agent_id omitted', async () => {
    await executeWorkflow(ctx, { workflow_id: 'wf', parameters: { a: 1 } });
    expect(last()).toMatchObject({ method: 'POST', path: '/workflows/execute', body: { workflow_id: 'wf', parameters: { a: 1 } } });
    expect(Object.keys(last().body as object)).toEqual(['workflow_id', 'parameters']);
  });

  it('sends an optional request field given as null as null, and omits one not given', async () => {
    const server = await startScriptedServer((_, res) => json(res, 200, { id: 'a', status: 'updated' }));
    try {
      const scripted = createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });
      await executeWorkflow(scripted, { workflow_id: 'wf', parameters: {}, agent_id: null });
      await updateAgent(scripted, 'a', { name: null, dsl: 'agent x {}' });
      await updateAgent(scripted, 'a', { dsl: 'agent x {}' });
      expect(server.requests.map((r) => r.body)).toEqual([
        { workflow_id: 'wf', parameters: {}, agent_id: null },
        { name: null, dsl: 'agent x {}' },
        { dsl: 'agent x {}' },
      ]);
      expect(server.requests[2]!.text).not.toContain('name');
    } finally {
      await server.close();
    }
  });

  it('percent-encodes path parameters on the wire', async () => {
    await expect(getAgentStatus(ctx, 'a/b')).rejects.toBeInstanceOf(NotFoundError);
    expect(last().path).toBe('/agents/a%2Fb/status');
  });

  it('refuses bad input before sending', async () => {
    await expect(executeWorkflow(ctx, { workflow_id: 'wf' } as never)).rejects.toMatchObject({
      name: 'ValidationError',
      operation: 'executeWorkflow',
      issues: [expect.objectContaining({ path: 'parameters' })],
    });
    await expect(updateAgent(ctx, 'agent-123', { name: 5 } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(runtime.requests).toHaveLength(0);
  });

  it('a wrong key is an AuthenticationError', async () => {
    await expect(listAgents(createContext({ baseUrl: runtime.url, apiKey: 'wrong' }))).rejects.toBeInstanceOf(AuthenticationError);
    expect(last().headers.authorization).toBe('Bearer wrong');
  });
});
