import { rawCall, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { SEED_AGENTS } from '../index.ts';
import { checkDsl } from './dsl.ts';

const API_KEY = 'dsl-key';

const runtime = useMockRuntime({ apiKey: API_KEY, per: 'test' });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const answer = await rawCall(path.startsWith('http') ? path : `${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json' } });
  return { status: answer.status, body: answer.body };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

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

describe('checkDsl', () => {
  it('accepts the reference README\'s webhook handler', () => {
    expect(checkDsl(WEBHOOK_DSL, 'webhook_handler')).toEqual({
      errors: [],
      warnings: [],
      agent: { id: 'webhook_handler', name: 'Webhook Handler', description: 'Handles incoming webhooks' },
    });
  });

  it.each([
    ['an extra closing brace', 'agent a {\n  name: "A"\n}\n}\n', ["line 4: unbalanced '}'"]],
    ['an unclosed block', 'agent a {\n  name: "A"\n  trigger t {\n}\n', ["line 1: unclosed '{'"]],
    ['two unclosed blocks', 'agent a {\n  name: "A"\n  action b {\n', ["line 1: unclosed '{'", "line 3: unclosed '{'"]],
    ['an unterminated string', 'agent a {\n  name: "A\n}\n', ['line 2: unterminated string']],
    ['no agent block', 'tool t {\n  name: "T"\n}\n', ['missing agent block']],
    ['an empty program', '', ['missing agent block']],
    ['a string ending in a backslash', 'agent a {\n  name: "A\\\n}\n', ['line 2: unterminated string']],
    ['an unterminated string at the end', 'agent a {\n  name: "A"\n}\n"', ['line 4: unterminated string']],
    ['an agent block only nested in another block', 'module m {\n  agent a {\n    name: "A"\n  }\n}\n', ['missing agent block']],
    ['an agent without a name', 'agent {\n  name: "A"\n}\n', ["line 1: expected an agent name after 'agent'"]],
    ['an agent name without a block', 'agent a\nname: "A"\n', ["line 1: expected '{' after 'agent a'"]],
    ['no name: field', '// header\nagent a {\n  description: "D"\n  trigger t {\n    name: "nested"\n  }\n}\n', ['line 2: agent block has no name: field']],
    ['a name: field without a value', 'agent a {\n  description: "D"\n  name:\n}\n', ['line 3: name: has no value']],
    ['a name: field whose value is on the next line', 'agent a {\n  name:\n  description: "D"\n}\n', ['line 2: name: has no value']],
  ])('reports %s with line numbers', (_, source, errors) => {
    const result = checkDsl(source, 'a');
    expect(result.errors).toEqual(errors);
    expect(result.agent).toBeUndefined();
  });

  it('skips braces in strings and comments', () => {
    const source = 'agent a { # a comment with }\n  name: "A {"\n  description: "} // not a \\"comment\\" {"\n  // }}}\n}\n';
    expect(checkDsl(source, 'a')).toEqual({ errors: [], warnings: [], agent: { id: 'a', name: 'A {', description: '} // not a \\"comment\\" {' } });
  });

  it('warns about a missing description and a different agent_name', () => {
    const result = checkDsl('\nagent b {\n  name: "B"\n}\n', 'a');
    expect(result.errors).toEqual([]);
    expect(result.agent).toEqual({ id: 'b', name: 'B', description: undefined });
    expect(result.warnings).toEqual(["agent_name 'a' differs from the DSL's agent 'b'; compiled 'b'", 'line 2: agent block has no description: field']);
  });

  it('picks the agent block named agent_name among several', () => {
    const source = 'agent first {\n  name: "1"\n  description: "d"\n}\nagent second {\n  name: "2"\n  description: "d"\n}\n';
    expect(checkDsl(source, 'second').agent).toEqual({ id: 'second', name: '2', description: 'd' });
    expect(checkDsl(source, 'third').agent?.id).toBe('first');
  });
});

describe('POST /dsl/compile', () => {
  it('compiles and registers the agent under its DSL name', async () => {
    const res = await call('POST', '/dsl/compile', { dsl_content: WEBHOOK_DSL, agent_name: 'webhook_handler', validate_only: false });
    expect(res).toEqual({
      status: 200,
      body: { success: true, agent_id: 'webhook_handler', errors: [], warnings: [], compiled_at: expect.stringMatching(ISO) },
    });
    expect((await call('GET', '/agents')).body).toContainEqual({ id: 'webhook_handler', name: expect.any(String), state: 'Created' });
    expect((await call('GET', '/agents/webhook_handler/status')).body).toMatchObject({ agent_id: 'webhook_handler', state: 'Created' });
  });

  it('with validate_only, checks without registering and answers no agent_id', async () => {
    const res = await call('POST', '/dsl/compile', { dsl_content: WEBHOOK_DSL, agent_name: 'webhook_handler', validate_only: true });
    expect(res.body).toEqual({ success: true, errors: [], warnings: [], compiled_at: expect.stringMatching(ISO) });
    expect((await call('GET', '/agents')).body).not.toContainEqual(expect.objectContaining({ id: 'webhook_handler' }));
    expect((await call('POST', '/agents/deploy', { agent_id: 'webhook_handler' })).status).toBe(404);
  });

  it('answers DSL errors as 200 success: false, registering nothing', async () => {
    const res = await call('POST', '/dsl/compile', { dsl_content: 'agent broken {\n  description: "x"\n}\n}', agent_name: 'broken' });
    expect(res).toEqual({
      status: 200,
      body: { success: false, errors: ["line 4: unbalanced '}'", 'line 1: agent block has no name: field'], warnings: [], compiled_at: expect.stringMatching(ISO) },
    });
    expect((await call('GET', '/agents')).body).not.toContainEqual(expect.objectContaining({ id: 'broken' }));
  });

  it('updates an existing agent\'s name and description', async () => {
    await call('POST', '/dsl/compile', { dsl_content: 'agent recompiled {\n  name: "First"\n}', agent_name: 'recompiled' });
    await call('POST', '/dsl/compile', { dsl_content: 'agent recompiled {\n  name: "Recompiled"\n  description: "New"\n}', agent_name: 'recompiled' });
    expect((await call('GET', '/agents')).body.filter((agent: { id: string }) => agent.id === 'recompiled')).toEqual([{ id: 'recompiled', name: 'Recompiled', state: 'Created' }]);
  });

  it('refuses a body that is not a DslCompileRequest with 400', async () => {
    const res = await call('POST', '/dsl/compile', { dsl_content: 5, validate_only: 'no' });
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['dsl_content', 'agent_name', 'validate_only']);
  });
});

describe('deployments', () => {
  async function compile(name: string): Promise<void> {
    const res = await call('POST', '/dsl/compile', { dsl_content: `agent ${name} {\n  name: "${name}"\n}`, agent_name: name });
    expect(res.body.success).toBe(true);
  }

  it('deploy → get → list → stop → get', async () => {
    await compile('webhook_handler');
    const deployed = await call('POST', '/agents/deploy', { agent_id: 'webhook_handler', environment: 'production', config_overrides: { max_concurrent_tasks: 10 } });
    expect(deployed.status).toBe(200);
    const origin = new URL(runtime.mock.url).origin;
    expect(deployed.body).toEqual({
      deployment_id: expect.any(String),
      agent_id: 'webhook_handler',
      status: 'running',
      deployed_at: expect.stringMatching(ISO),
      endpoint_url: `${origin}/api/v1/agents/webhook_handler/execute`,
      environment: 'production',
      config_overrides: { max_concurrent_tasks: 10 },
    });
    const id = deployed.body.deployment_id as string;

    expect(await call('GET', `/agents/deployments/${id}`)).toEqual({ status: 200, body: deployed.body });
    expect(await call('GET', '/agents/deployments')).toEqual({ status: 200, body: [deployed.body] });

    // The endpoint URL really executes the agent.
    expect((await call('POST', deployed.body.endpoint_url, {})).body).toMatchObject({ status: 'execution_started' });

    expect(await call('POST', `/agents/deployments/${id}/stop`)).toEqual({ status: 200, body: { deployment_id: id, status: 'stopped' } });
    expect((await call('GET', `/agents/deployments/${id}`)).body).toEqual({ ...deployed.body, status: 'stopped' });
    expect(await call('POST', `/agents/deployments/${id}/stop`)).toEqual({ status: 200, body: { deployment_id: id, status: 'stopped' } });
    expect((await call('GET', '/agents/deployments')).body).toEqual([{ ...deployed.body, status: 'stopped' }]);
  });

  it('defaults environment to development and config_overrides to {}', async () => {
    const res = await call('POST', '/agents/deploy', { agent_id: SEED_AGENTS.example });
    expect(res.body).toMatchObject({ agent_id: SEED_AGENTS.example, environment: 'development', config_overrides: {}, status: 'running' });
  });

  it('filters the list by agent_id, in creation order', async () => {
    await compile('a');
    await compile('b');
    const a1 = (await call('POST', '/agents/deploy', { agent_id: 'a' })).body.deployment_id;
    const b1 = (await call('POST', '/agents/deploy', { agent_id: 'b' })).body.deployment_id;
    const a2 = (await call('POST', '/agents/deploy', { agent_id: 'a' })).body.deployment_id;
    expect(new Set([a1, b1, a2]).size).toBe(3);
    const ids = async (query: string) => ((await call('GET', `/agents/deployments${query}`)).body as { deployment_id: string }[]).map((d) => d.deployment_id);
    expect(await ids('')).toEqual([a1, b1, a2]);
    expect(await ids('?agent_id=a')).toEqual([a1, a2]);
    expect(await ids('?agent_id=b')).toEqual([b1]);
    expect(await ids('?agent_id=nobody')).toEqual([]);
  });

  it('404s for an unknown agent or deployment', async () => {
    expect(await call('POST', '/agents/deploy', { agent_id: 'ghost' })).toEqual({ status: 404, body: { error: "agent 'ghost' not found", code: 'NOT_FOUND' } });
    expect(await call('GET', '/agents/deployments/nope')).toEqual({ status: 404, body: { error: "deployment 'nope' not found", code: 'NOT_FOUND' } });
    expect((await call('POST', '/agents/deployments/nope/stop')).status).toBe(404);
    expect((await call('GET', '/agents/deployments')).body).toEqual([]);
  });

  it('refuses a bad deploy body with 400', async () => {
    const res = await call('POST', '/agents/deploy', { agent_id: SEED_AGENTS.example, config_overrides: [1] });
    expect(res.status).toBe(400);
    expect(res.body.details.issues).toEqual([{ path: 'config_overrides', expected: 'object' }]);
  });

  it('routes literal segments before /agents/{agent_id}', async () => {
    // An agent named like a literal segment does not capture the deployment routes.
    await compile('deployments');
    await compile('status');
    expect((await call('GET', '/agents/deployments')).body).toEqual([]);
    expect(await call('GET', '/agents/deployments/status')).toEqual({ status: 404, body: { error: "deployment 'status' not found", code: 'NOT_FOUND' } });
    const deployed = await call('POST', '/agents/deploy', { agent_id: 'status' });
    expect(deployed.body.agent_id).toBe('status');
    // The agent routes still work for other paths.
    expect((await call('GET', '/agents/status/status')).body).toMatchObject({ agent_id: 'status' });
    // `deploy` names no agent: the runtime's agent route answers a non-UUID id 400 (text/plain).
    const res = await fetch(`${runtime.mock.url}/agents/deploy`, { method: 'DELETE', headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(400);
  });
});
