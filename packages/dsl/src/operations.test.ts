import {
  APIError,
  AuthenticationError,
  createContext,
  executeAgent,
  listAgents,
  NotFoundError,
  ResponseValidationError,
  ValidationError,
  type Context,
} from '@symbiont/core';
import { catchError, json, useMockRuntime, useScriptedServer } from '@symbiont/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileDsl, deployAgent, getAgentDeployment, listAgentDeployments, stopAgentDeployment } from './index.ts';

const API_KEY = 'dsl-test-key';

// A fresh mock runtime for every test.
const runtime = useMockRuntime({ apiKey: API_KEY, per: 'test' });

// The reference README's DSL, verbatim (blank lines hold four spaces).
const WEBHOOK_DSL = `
agent webhook_handler {
    name: "Webhook Handler"
    description: "Handles incoming webhooks"
    
    trigger github_webhook {
        on_push: main
    }
    
    action process_webhook {
        validate_signature()
        parse_payload()
        trigger_workflow()
    }
}
`;

async function compiled(name: string): Promise<string> {
  const result = await compileDsl(runtime.ctx, { dsl_content: `agent ${name} {\n  name: "${name}"\n  description: "test"\n}\n`, agent_name: name });
  expect(result.success).toBe(true);
  return result.agent_id!;
}

describe('compileDsl', () => {
  it('POSTs /dsl/compile with validate_only false by default and answers the agent id', async () => {
    const before = Date.now();
    const result = await compileDsl(runtime.ctx, { dsl_content: WEBHOOK_DSL, agent_name: 'webhook_handler' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'POST', path: '/dsl/compile', query: {} });
    expect(runtime.mock.requests[0]!.body).toEqual({ dsl_content: WEBHOOK_DSL, agent_name: 'webhook_handler', validate_only: false });
    expect(result).toEqual({ success: true, agent_id: 'webhook_handler', errors: [], warnings: [], compiled_at: expect.any(Date) });
    expect(result.compiled_at.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(result.compiled_at.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((await listAgents(runtime.ctx)).map((agent) => agent.id)).toContain('webhook_handler');
  });

  it('sends validate_only true when given: checked, not registered', async () => {
    const result = await compileDsl(runtime.ctx, { dsl_content: WEBHOOK_DSL, agent_name: 'webhook_handler', validate_only: true });
    expect(runtime.mock.requests[0]!.body).toEqual({ dsl_content: WEBHOOK_DSL, agent_name: 'webhook_handler', validate_only: true });
    expect(result.success).toBe(true);
    expect(result.agent_id).toBeUndefined();
    expect((await listAgents(runtime.ctx)).map((agent) => agent.id)).not.toContain('webhook_handler');
  });

  it('resolves success: false with errors naming their lines', async () => {
    const broken = WEBHOOK_DSL.replace('    name: "Webhook Handler"\n', '').replace('        on_push: main\n    }', '        on_push: main\n    }\n    }');
    const result = await compileDsl(runtime.ctx, { dsl_content: broken, agent_name: 'webhook_handler' });
    expect(result.success).toBe(false);
    expect(result.agent_id).toBeUndefined();
    expect(result.errors).toEqual(["line 15: unbalanced '}'", 'line 2: agent block has no name: field']);
    const missing = await compileDsl(runtime.ctx, { dsl_content: 'tool t {\n}', agent_name: 't' });
    expect(missing).toMatchObject({ success: false, errors: ['missing agent block'], warnings: [] });
  });

  it('answers warnings', async () => {
    const result = await compileDsl(runtime.ctx, { dsl_content: 'agent a {\n  name: "A"\n}', agent_name: 'a' });
    expect(result).toMatchObject({ success: true, agent_id: 'a', errors: [], warnings: ['line 1: agent block has no description: field'] });
  });

  it.each([
    ['no agent_name', { dsl_content: 'agent a {}' }, 'agent_name'],
    ['a non-string dsl_content', { dsl_content: 42, agent_name: 'a' }, 'dsl_content'],
    ['a string validate_only', { dsl_content: 'x', agent_name: 'a', validate_only: 'false' }, 'validate_only'],
    ['an unknown key', { dsl_content: 'x', agent_name: 'a', optimize: true }, 'optimize'],
  ])('refuses %s with a ValidationError, sending nothing', async (_, request, path) => {
    const error = await catchError(compileDsl(runtime.ctx, request as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('compileDsl');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('deployAgent', () => {
  it('POSTs /agents/deploy with environment "development" and config_overrides {} by default', async () => {
    await compiled('webhook_handler');
    runtime.mock.clearRequests();
    const deployment = await deployAgent(runtime.ctx, { agent_id: 'webhook_handler' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'POST', path: '/agents/deploy', query: {} });
    expect(runtime.mock.requests[0]!.body).toEqual({ agent_id: 'webhook_handler', environment: 'development', config_overrides: {} });
    expect(deployment).toMatchObject({ agent_id: 'webhook_handler', status: 'running', environment: 'development' });
    expect(deployment.deployment_id).toEqual(expect.any(String));
    expect(deployment.deployed_at).toBeInstanceOf(Date);
    expect(Number.isNaN(deployment.deployed_at.getTime())).toBe(false);
    expect(deployment.endpoint_url).toBe(`${runtime.mock.url}/agents/webhook_handler/execute`);
  });

  it('sends the environment and config_overrides given; the endpoint works', async () => {
    await compiled('webhook_handler');
    runtime.mock.clearRequests();
    const deployment = await deployAgent(runtime.ctx, { agent_id: 'webhook_handler', environment: 'production', config_overrides: { max_concurrent_tasks: 10 } });
    expect(runtime.mock.requests[0]!.body).toEqual({ agent_id: 'webhook_handler', environment: 'production', config_overrides: { max_concurrent_tasks: 10 } });
    expect(deployment.config_overrides).toEqual({ max_concurrent_tasks: 10 });
    // The endpoint is the agent's execute route on the same server.
    expect(deployment.endpoint_url!.startsWith(`${runtime.mock.url}/agents/`)).toBe(true);
    expect((await executeAgent(runtime.ctx, 'webhook_handler')).status).toBe('execution_started');
  });

  it('rejects with NotFoundError for an agent that was never compiled or created', async () => {
    const error = await catchError(deployAgent(runtime.ctx, { agent_id: 'ghost' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', operation: 'deployAgent' });
  });

  it.each([
    ['a string config_overrides', { agent_id: 'a', config_overrides: 'max=1' }, 'config_overrides'],
    ['a numeric environment', { agent_id: 'a', environment: 1 }, 'environment'],
    ['no agent_id', { environment: 'production' }, 'agent_id'],
    ['an unknown key', { agent_id: 'a', replicas: 2 }, 'replicas'],
  ])('refuses %s with a ValidationError, sending nothing', async (_, request, path) => {
    const error = await catchError(deployAgent(runtime.ctx, request as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('deployAgent');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('getAgentDeployment, listAgentDeployments, stopAgentDeployment', () => {
  it('GETs /agents/deployments/{deployment_id}', async () => {
    await compiled('a');
    const deployment = await deployAgent(runtime.ctx, { agent_id: 'a' });
    runtime.mock.clearRequests();
    expect(await getAgentDeployment(runtime.ctx, deployment.deployment_id)).toEqual(deployment);
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'GET', path: `/agents/deployments/${deployment.deployment_id}`, query: {}, body: undefined });
  });

  it('GETs /agents/deployments without a query, or with ?agent_id= when given', async () => {
    await compiled('a');
    await compiled('b');
    const a = await deployAgent(runtime.ctx, { agent_id: 'a' });
    const b = await deployAgent(runtime.ctx, { agent_id: 'b' });
    runtime.mock.clearRequests();

    const all = await listAgentDeployments(runtime.ctx);
    expect(all).toEqual([a, b]);
    expect(all[0]!.deployed_at).toBeInstanceOf(Date);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'GET', path: '/agents/deployments', query: {} });

    expect(await listAgentDeployments(runtime.ctx, 'b')).toEqual([b]);
    expect(runtime.mock.requests[1]).toMatchObject({ method: 'GET', path: '/agents/deployments', query: { agent_id: 'b' } });

    expect(await listAgentDeployments(runtime.ctx, 'b c&agent_id=a', { headers: { 'x-trace': 't1' } })).toEqual([]);
    expect(runtime.mock.requests[2]!.query).toEqual({ agent_id: 'b c&agent_id=a' });
    expect(runtime.mock.requests[2]!.headers['x-trace']).toBe('t1');
  });

  it('POSTs /agents/deployments/{deployment_id}/stop; the deployment stays readable as stopped', async () => {
    await compiled('a');
    const deployment = await deployAgent(runtime.ctx, { agent_id: 'a' });
    runtime.mock.clearRequests();
    expect(await stopAgentDeployment(runtime.ctx, deployment.deployment_id)).toEqual({ deployment_id: deployment.deployment_id, status: 'stopped' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'POST', path: `/agents/deployments/${deployment.deployment_id}/stop`, query: {}, body: undefined });
    expect((await getAgentDeployment(runtime.ctx, deployment.deployment_id)).status).toBe('stopped');
    expect((await listAgentDeployments(runtime.ctx, 'a')).map((d) => d.status)).toEqual(['stopped']);
  });

  it('percent-encodes deployment ids', async () => {
    await catchError(getAgentDeployment(runtime.ctx, 'a/b?c'));
    await catchError(stopAgentDeployment(runtime.ctx, 'a/b?c'));
    expect(runtime.mock.requests.map((r) => r.path)).toEqual(['/agents/deployments/a%2Fb%3Fc', '/agents/deployments/a%2Fb%3Fc/stop']);
  });

  it('rejects with NotFoundError for unknown deployments', async () => {
    for (const run of [() => getAgentDeployment(runtime.ctx, 'nope'), () => stopAgentDeployment(runtime.ctx, 'nope')]) {
      const error = await catchError(run());
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.status).toBe(404);
    }
  });

  it.each(['', '.', '..'])('refuses the deployment id %j with a ValidationError, sending nothing', async (id) => {
    for (const [name, run] of [['getAgentDeployment', () => getAgentDeployment(runtime.ctx, id)], ['stopAgentDeployment', () => stopAgentDeployment(runtime.ctx, id)]] as const) {
      const error = await catchError(run());
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.operation).toBe(name);
      expect(error.issues[0].path).toBe('deployment_id');
    }
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('errors and responses (scripted server)', () => {
  const scriptedServer = useScriptedServer();
  let scripted: Context;
  beforeEach(() => {
    scripted = createContext({ baseUrl: `${scriptedServer.server.url}/api/v1`, apiKey: API_KEY, maxRetries: 0 });
  });

  it('rejects with AuthenticationError on a wrong API key', async () => {
    const wrong = createContext({ baseUrl: runtime.mock.url, apiKey: 'wrong', maxRetries: 0 });
    const error = await catchError(listAgentDeployments(wrong));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
  });

  it('rejects with APIError carrying the runtime\'s code', async () => {
    scriptedServer.server.handle((_, res) => json(res, 409, { error: 'already deployed', code: 'CONFLICT' }));
    const error = await catchError(deployAgent(scripted, { agent_id: 'a' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', operation: 'deployAgent' });
  });

  it('defaults missing errors and warnings to fresh empty arrays and keeps unknown fields', async () => {
    scriptedServer.server.handle((_, res) => json(res, 200, { success: false, compiled_at: '2024-06-01T00:00:00Z', diagnostics: 2 }));
    const first = await compileDsl(scripted, { dsl_content: 'x', agent_name: 'a' });
    expect(first).toEqual({ success: false, errors: [], warnings: [], compiled_at: new Date('2024-06-01T00:00:00Z'), diagnostics: 2 });
    first.errors.push('mutated');
    const second = await compileDsl(scripted, { dsl_content: 'x', agent_name: 'a' });
    expect(second.errors).toEqual([]);
    expect(second.warnings).not.toBe(second.errors);
  });

  it('still turns deployed_at into Dates with validateResponses: false', async () => {
    const lenient = createContext({ baseUrl: `${scriptedServer.server.url}/api/v1`, maxRetries: 0, validateResponses: false });
    scriptedServer.server.handle((_, res) => json(res, 200, [{ deployment_id: 'd', deployed_at: '2024-06-01T00:00:00Z' }]));
    const [deployment] = await listAgentDeployments(lenient);
    expect(deployment).toEqual({ deployment_id: 'd', deployed_at: new Date('2024-06-01T00:00:00Z') });
  });

  it('accepts a deployment without endpoint_url', async () => {
    scriptedServer.server.handle((_, res) => json(res, 200, { deployment_id: 'd', agent_id: 'a', status: 'pending', deployed_at: '2024-06-01T00:00:00Z' }));
    const deployment = await getAgentDeployment(scripted, 'd');
    expect(deployment).toEqual({ deployment_id: 'd', agent_id: 'a', status: 'pending', deployed_at: new Date('2024-06-01T00:00:00Z') });
    expect(scriptedServer.server.requests[0]!.url).toBe('/api/v1/agents/deployments/d');
  });

  it('accepts null optional response fields: endpoint_url and agent_id kept as null, errors and warnings default to []', async () => {
    const deployment = { deployment_id: 'd', agent_id: 'a', status: 'pending', deployed_at: '2024-06-01T00:00:00Z', endpoint_url: null };
    scriptedServer.server.handle((_, res) => json(res, 200, deployment));
    const expected = { ...deployment, deployed_at: new Date('2024-06-01T00:00:00Z') };
    expect(await deployAgent(scripted, { agent_id: 'a' })).toEqual(expected);
    expect(await getAgentDeployment(scripted, 'd')).toEqual(expected);
    scriptedServer.server.handle((_, res) => json(res, 200, [deployment]));
    expect(await listAgentDeployments(scripted)).toEqual([expected]);

    scriptedServer.server.handle((_, res) => json(res, 200, { success: false, agent_id: null, errors: null, warnings: null, compiled_at: '2024-06-01T00:00:00Z' }));
    expect(await compileDsl(scripted, { dsl_content: 'x', agent_name: 'a' })).toEqual({
      success: false, agent_id: null, errors: [], warnings: [], compiled_at: new Date('2024-06-01T00:00:00Z'),
    });
  });

  it('sends a request field given as null as its contract default (every optional DSL request field has one)', async () => {
    // Every optional request field of the DSL endpoints has a contract default: null becomes it.
    scriptedServer.server.handle((_, res) => json(res, 200, { success: true, compiled_at: '2024-06-01T00:00:00Z' }));
    await compileDsl(scripted, { dsl_content: 'x', agent_name: 'a', validate_only: null });
    expect(scriptedServer.server.requests[0]!.body).toEqual({ dsl_content: 'x', agent_name: 'a', validate_only: false });
    scriptedServer.server.handle((_, res) => json(res, 200, { deployment_id: 'd', agent_id: 'a', status: 'running', deployed_at: '2024-06-01T00:00:00Z' }));
    await deployAgent(scripted, { agent_id: 'a', environment: null, config_overrides: null });
    expect(scriptedServer.server.requests[1]!.body).toEqual({ agent_id: 'a', environment: 'development', config_overrides: {} });
    expect(scriptedServer.server.requests[1]!.text).not.toContain('null');
  });

  it.each([
    ['compileDsl without compiled_at', () => compileDsl(scripted, { dsl_content: 'x', agent_name: 'a' }), { success: true }],
    ['deployAgent with a bad deployed_at', () => deployAgent(scripted, { agent_id: 'a' }), { deployment_id: 'd', agent_id: 'a', status: 'running', deployed_at: 'later' }],
    ['listAgentDeployments answering an object', () => listAgentDeployments(scripted), { deployments: [] }],
    ['stopAgentDeployment answering a number', () => stopAgentDeployment(scripted, 'd'), 5],
  ])('rejects %s with ResponseValidationError', async (_, run, body) => {
    scriptedServer.server.handle((_, res) => json(res, 200, body));
    const error = await catchError(run());
    expect(error).toBeInstanceOf(ResponseValidationError);
  });
});
