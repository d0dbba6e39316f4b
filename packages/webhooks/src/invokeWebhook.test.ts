/**
 * invokeWebhook against the mock runtime's HTTP Input listener: both result shapes, every error
 * the listener answers, input checks, and retries (a POST that runs an agent: one request unless
 * the call opts in).
 */
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  createContext,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ValidationError,
  type Context,
  type ContextConfig,
} from '@symbiont/core';
import { catchError, json, startScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeWebhook, MAX_SYSTEM_PROMPT_BYTES, TerminationReasonName, WebhookStatus, type WebhookPayload, type WebhookResult } from './index.ts';

const API_KEY = 'symbi_dev_webhook_test_token';

// A context on the HTTP Input listener, with the SDK's default retries (`context: {}`).
const runtime = useMockRuntime({ apiKey: API_KEY, target: 'webhook', context: {} });

const ctxWith = (config: ContextConfig = {}): Context => createContext({ baseUrl: runtime.mock.webhookUrl, apiKey: API_KEY, ...config });
const webhookRequests = () => runtime.mock.requests.filter((request) => request.path.startsWith('/webhook'));
const completed = (result: WebhookResult) => {
  if (result.status !== 'completed') throw new Error(`expected completed, got ${result.status}`);
  return result;
};

describe('enums', () => {
  it('are frozen objects of the wire strings', () => {
    expect(WebhookStatus).toEqual({ EXECUTION_STARTED: 'execution_started', COMPLETED: 'completed' });
    expect(TerminationReasonName).toEqual({ COMPLETED: 'Completed', MAX_ITERATIONS: 'MaxIterations', MAX_TOKENS: 'MaxTokens', TIMEOUT: 'Timeout' });
    expect(Object.isFrozen(WebhookStatus) && Object.isFrozen(TerminationReasonName)).toBe(true);
  });
});

describe('results', () => {
  it('completed: POSTs the payload as given to the listener path, with the token', async () => {
    const payload = { prompt: 'Summarise the open incidents', source: 'pagerduty', incident: { id: 42 } };
    const result = completed(await invokeWebhook(runtime.ctx, payload));
    expect(result).toMatchObject({
      status: 'completed',
      agent_id: '6f1c1b0e-2f0a-4c8e-9a55-6e2b8f1d4a10',
      response: 'Mock agent reply to: Summarise the open incidents',
      tool_runs: [],
      termination_reason: 'Completed',
      iterations: 1,
      model: 'mock-model',
      provider: 'mock',
    });
    expect(result.latency_ms).toBeGreaterThanOrEqual(0);
    expect(result.timestamp).toBeInstanceOf(Date);
    expect(Math.abs(result.timestamp.getTime() - Date.now())).toBeLessThan(60_000);
    const [request] = webhookRequests();
    expect(request).toMatchObject({ method: 'POST', path: '/webhook', body: payload });
    expect(request!.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-hub-signature-256']).toBeUndefined();
  });

  it('route: POSTs to <baseUrl>/<route>, percent-encoded; the routed agent answers', async () => {
    const result = await invokeWebhook(runtime.ctx, { message: 'hello' }, { route: 'ops agent/eu' });
    expect(webhookRequests()[0]!.path).toBe('/webhook/ops%20agent%2Feu');
    expect(result.agent_id).not.toBe('6f1c1b0e-2f0a-4c8e-9a55-6e2b8f1d4a10');
    expect(completed(result).response).toBe('Mock agent reply to: hello');
  });

  it('a payload without prompt or message is handed over whole', async () => {
    const result = completed(await invokeWebhook(runtime.ctx, { event: 'push', ref: 'refs/heads/main' }));
    expect(result.response).toContain('Execute the following task');
    expect(result.response).toContain('"ref": "refs/heads/main"');
  });

  it('execution_started', async () => {
    const result = await invokeWebhook(runtime.ctx, { prompt: 'go', mock_result: 'execution_started' });
    expect(result.status).toBe(WebhookStatus.EXECUTION_STARTED);
    if (result.status !== 'execution_started') throw new Error('unreachable');
    expect(result.message_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.timestamp).toBeInstanceOf(Date);
    expect('response' in result).toBe(false);
  });

  it('tool runs, one with a null input', async () => {
    const result = completed(await invokeWebhook(runtime.ctx, { prompt: 'look it up', mock_result: 'tool_runs' }));
    expect(result.tool_runs).toEqual([
      { tool: 'toolclad:lookup', input: { query: 'look it up' }, output_preview: 'lookup: 3 results' },
      { tool: 'lookup', input: null, output_preview: 'Tool call rejected: arguments are not valid JSON' },
    ]);
    expect(result.iterations).toBe(3);
  });

  it.each([
    ['policy_denial', { PolicyDenial: { reason: 'shell_exec is not allowed' } }],
    ['loop_error', { Error: { message: 'inference provider returned an error' } }],
    ['max_iterations', 'MaxIterations'],
  ])('termination reason of %s', async (mode, reason) => {
    const result = completed(await invokeWebhook(runtime.ctx, { prompt: 'x', mock_result: mode }));
    expect(result.termination_reason).toEqual(reason);
  });
});

describe('result parsing', () => {
  const server = { current: undefined as Awaited<ReturnType<typeof startScriptedServer>> | undefined };
  beforeAll(async () => {
    server.current = await startScriptedServer();
  });
  afterAll(async () => {
    await server.current!.close();
  });
  const base = {
    status: 'completed', agent_id: 'a', response: 'r', tool_runs: [], termination_reason: 'Completed',
    iterations: 1, model: 'm', provider: 'p', latency_ms: 3,
  };
  const answering = (body: unknown, config: ContextConfig = {}) => {
    server.current!.handle((_, res) => json(res, 200, body));
    return invokeWebhook(createContext({ baseUrl: `${server.current!.url}/webhook`, apiKey: 'k', ...config }), { prompt: 'p' });
  };

  it('keeps unknown fields and unknown string termination reasons; reads 9 fractional digits and +00:00', async () => {
    const result = completed(await answering({ ...base, termination_reason: 'Cancelled', extra: { a: 1 }, timestamp: '2026-03-01T10:20:30.123456789+00:00' }));
    expect(result.termination_reason).toBe('Cancelled');
    expect(result['extra']).toEqual({ a: 1 });
    expect(result.timestamp.toISOString()).toBe('2026-03-01T10:20:30.123Z');
  });

  it('keeps a one-key termination object this SDK does not know yet', async () => {
    const result = completed(await answering({ ...base, termination_reason: { Cancelled: { by: 'user' } }, timestamp: '2026-03-01T10:20:30Z' }));
    expect(result.termination_reason).toEqual({ Cancelled: { by: 'user' } });
  });

  it.each([
    ['an unknown status', { ...base, status: 'queued', timestamp: '2026-03-01T10:20:30Z' }, 'response.status'],
    ['a missing timestamp', base, 'response.timestamp'],
    ['a timestamp that is not a date-time', { ...base, timestamp: 'yesterday' }, 'response.timestamp'],
    ['a missing agent_id', { ...base, agent_id: undefined, timestamp: '2026-03-01T10:20:30Z' }, 'response.agent_id'],
  ])('%s is a ResponseValidationError naming the field', async (_, body, path) => {
    const error = await catchError(answering(body));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it.each([
    ['a completed result without response', { ...base, response: undefined }],
    ['a completed result with a fractional iterations', { ...base, iterations: 1.5 }],
    ['a PolicyDenial without a reason', { ...base, termination_reason: { PolicyDenial: {} } }],
    ['an Error whose message is not a string', { ...base, termination_reason: { Error: { message: 1 } } }],
    ['a two-key termination object', { ...base, termination_reason: { A: {}, B: {} } }],
    ['a termination reason that is a number', { ...base, termination_reason: 3 }],
    ['a tool run without output_preview', { ...base, tool_runs: [{ tool: 't', input: null }] }],
    ['tool_runs that is not an array', { ...base, tool_runs: { tool: 't', output_preview: '' } }],
    ['an execution_started result without message_id', { status: 'execution_started', agent_id: 'a', latency_ms: 1 }],
  ])('%s is a ResponseValidationError about the fields of its status', async (_, body) => {
    const error = await catchError(answering({ ...body, timestamp: '2026-03-01T10:20:30Z' }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'response', expected: 'the fields of its status' })]);
  });

  it('with validateResponses: false the timestamp is still a Date', async () => {
    const result = await answering({ status: 'execution_started', agent_id: 'a', message_id: 'm', latency_ms: 1, timestamp: '2026-03-01T10:20:30.5+00:00', odd: true }, { validateResponses: false });
    expect(result.timestamp).toBeInstanceOf(Date);
    expect(result.timestamp.toISOString()).toBe('2026-03-01T10:20:30.500Z');
  });

  it('a text "OK" answer (agent_output_to_json off) is a ResponseValidationError', async () => {
    server.current!.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('OK');
    });
    const error = await catchError(invokeWebhook(createContext({ baseUrl: `${server.current!.url}/webhook`, apiKey: 'k' }), { prompt: 'p' }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.responseText).toBe('OK');
  });
});

describe('errors', () => {
  it('a wrong token: AuthenticationError, empty body', async () => {
    const error = await catchError(invokeWebhook(ctxWith({ apiKey: 'wrong' }), { prompt: 'x' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.responseText).toBe('');
    expect(error.body).toBeUndefined();
  });

  it('the concurrency limit: RateLimitError, empty body, not retried', async () => {
    const held = Array.from({ length: 10 }, () => invokeWebhook(runtime.ctx, { prompt: 'slow', mock_delay_ms: 4_000 }));
    // Wait until the listener holds all ten (each for 4 s: a generous window on a loaded machine).
    while (webhookRequests().length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const error = await catchError(invokeWebhook(runtime.ctx, { prompt: 'one too many' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.responseText).toBe('');
    expect(error.retryAfterMs).toBeUndefined();
    for (const result of await Promise.all(held)) expect(result.status).toBe('completed');
    expect(webhookRequests()).toHaveLength(11);
  });

  it('an agent failure: APIError 500 with { error, timestamp } and no code', async () => {
    const error = await catchError(invokeWebhook(runtime.ctx, { prompt: 'x', mock_result: 'agent_failure' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(500);
    expect(error.message).toContain('Internal server error');
    expect(error.body).toMatchObject({ error: 'Internal server error' });
    expect(error.body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+00:00$/);
    expect(error.code).toBeUndefined();
    expect(webhookRequests()).toHaveLength(1);
  });

  it('a body over 1 MiB: APIError 413 with the text/plain reason', async () => {
    const error = await catchError(invokeWebhook(runtime.ctx, { prompt: 'x', blob: 'a'.repeat(1024 * 1024) }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(413);
    expect(error.responseText).toBe('Failed to buffer the request body: length limit exceeded');
    expect(error.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('a path the listener does not serve: NotFoundError', async () => {
    const error = await catchError(invokeWebhook(createContext({ baseUrl: runtime.mock.webhookUrl.replace('/webhook', '/hooks'), apiKey: API_KEY }), { prompt: 'x' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.responseText).toBe('');
  });

  it.each([400, 405])('an empty %i is an APIError', async (status) => {
    runtime.mock.setFault(() => ({ status, rawBody: '', headers: { 'content-type': '' } }));
    const error = await catchError(invokeWebhook(runtime.ctx, { prompt: 'x' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    expect(error.body).toBeUndefined();
  });
});

describe('retries', () => {
  it('a 503 is one request unless the call sets retry: true', async () => {
    let failures = 0;
    runtime.mock.setFault(() => (failures-- > 0 ? { status: 503, body: { error: 'busy', timestamp: '2026-01-01T00:00:00Z' } } : undefined));
    failures = 1;
    const error = await catchError(invokeWebhook(runtime.ctx, { prompt: 'x' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(503);
    expect(webhookRequests()).toHaveLength(1);

    runtime.mock.clearRequests();
    failures = 1;
    const result = await invokeWebhook(runtime.ctx, { prompt: 'x' }, { retry: true, signingSecret: 'retry-secret' });
    expect(result.status).toBe('completed');
    const sent = webhookRequests();
    expect(sent).toHaveLength(2);
    // The same bytes, so the same signature, on the retry.
    expect(sent[0]!.headers['x-hub-signature-256']).toBe(sent[1]!.headers['x-hub-signature-256']);
    expect(sent[0]!.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('a network error is one request unless the call sets retry: true', async () => {
    let drops = 0;
    runtime.mock.setFault(() => (drops-- > 0 ? { destroy: true } : undefined));
    drops = 1;
    const error = await catchError(invokeWebhook(runtime.ctx, { prompt: 'x' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(webhookRequests()).toHaveLength(1);

    runtime.mock.clearRequests();
    drops = 1;
    expect((await invokeWebhook(runtime.ctx, { prompt: 'x' }, { retry: true })).status).toBe('completed');
    expect(webhookRequests()).toHaveLength(2);
  });

  it('an idempotencyKey makes it retryable too', async () => {
    let failures = 1;
    runtime.mock.setFault(() => (failures-- > 0 ? { status: 502 } : undefined));
    expect((await invokeWebhook(runtime.ctx, { prompt: 'x' }, { idempotencyKey: 'incident-42' })).status).toBe('completed');
    expect(webhookRequests()).toHaveLength(2);
  });
});

describe('input checks (nothing is sent)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text).length;

  it('a system_prompt of exactly 4,096 bytes is sent', async () => {
    const system_prompt = 'é'.repeat(2048);
    expect(bytes(system_prompt)).toBe(MAX_SYSTEM_PROMPT_BYTES);
    await invokeWebhook(runtime.ctx, { prompt: 'x', system_prompt });
    expect(webhookRequests()[0]!.body).toMatchObject({ system_prompt });
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['a system_prompt over 4,096 bytes (though under 4,096 characters)', () => invokeWebhook(runtime.ctx, { prompt: 'x', system_prompt: 'é'.repeat(2049) }), 'payload.system_prompt'],
    ['a system_prompt that is not a string', () => invokeWebhook(runtime.ctx, { prompt: 'x', system_prompt: 42 as never }), 'payload.system_prompt'],
    ['an array payload', () => invokeWebhook(runtime.ctx, ['x'] as never), 'payload'],
    ['a null payload', () => invokeWebhook(runtime.ctx, null as never), 'payload'],
    ['a string payload', () => invokeWebhook(runtime.ctx, 'hello' as never), 'payload'],
    ['a Map payload', () => invokeWebhook(runtime.ctx, new Map() as never), 'payload'],
    ['a BigInt in the payload', () => invokeWebhook(runtime.ctx, { prompt: 'x', n: 1n }), 'payload'],
    ['a cycle in the payload', () => { const cyclic: WebhookPayload = { prompt: 'x' }; cyclic['self'] = cyclic; return invokeWebhook(runtime.ctx, cyclic); }, 'payload'],
    ['a NaN in the payload', () => invokeWebhook(runtime.ctx, { prompt: 'x', score: Number.NaN }), 'score'],
    ['an empty route', () => invokeWebhook(runtime.ctx, { prompt: 'x' }, { route: '' }), 'route'],
    ['a ".." route', () => invokeWebhook(runtime.ctx, { prompt: 'x' }, { route: '..' }), 'route'],
    ['a route that is not a string', () => invokeWebhook(runtime.ctx, { prompt: 'x' }, { route: 7 as never }), 'route'],
    ['an empty signingSecret', () => invokeWebhook(runtime.ctx, { prompt: 'x' }, { signingSecret: '' }), 'options.signingSecret'],
    ['a signingSecret that is not a string', () => invokeWebhook(runtime.ctx, { prompt: 'x' }, { signingSecret: 12345678 as never }), 'options.signingSecret'],
    ['something that is not a context', () => invokeWebhook({ baseUrl: 1 } as never, { prompt: 'x' }), 'ctx'],
  ])('%s is a ValidationError', async (_, run, path) => {
    const error = await catchError(run());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('invokeWebhook');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    expect(webhookRequests()).toHaveLength(0);
  });

  it('never throws synchronously', () => {
    expect(() => invokeWebhook(undefined as never, undefined as never, 'x' as never).catch(() => undefined)).not.toThrow();
  });
});
