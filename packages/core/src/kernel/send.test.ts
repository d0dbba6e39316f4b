import { inspect } from 'node:util';
import { catchError, json, freePort, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { createContext, type ContextConfig } from '../createContext.ts';
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
} from '../errors.ts';
import { healthCheck } from '../healthCheck.ts';
import { listAgents } from '../listAgents.ts';
import { request } from '../request.ts';
import { backoff, jitter, parseRetryAfter } from './send.ts';

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 0, ...config });
const get = (config?: ContextConfig, options?: Parameters<typeof request>[2]) =>
  request(ctxFor(config), { method: 'GET', path: '/thing' }, options);

describe('headers', () => {
  it('sends Authorization only when a key is set, plus Accept and extra headers', async () => {
    scripted.server.handle((_, res) => json(res, 200, { ok: true }));
    await get({ apiKey: 'sk-1', headers: { 'X-Team': 'blue' } }, { headers: { 'X-Call': 'one' } });
    await get();
    const [withKey, withoutKey] = scripted.server.requests;
    expect(withKey!.headers.authorization).toBe('Bearer sk-1');
    expect(withKey!.headers.accept).toBe('application/json');
    expect(withKey!.headers['x-team']).toBe('blue');
    expect(withKey!.headers['x-call']).toBe('one');
    expect(withoutKey!.headers.authorization).toBeUndefined();
  });

  it('sends JSON bodies with a content type, dates as ISO strings', async () => {
    scripted.server.handle((_, res) => json(res, 200, {}));
    await request(ctxFor(), { method: 'POST', path: '/x', body: { at: new Date('2024-05-01T10:00:00.000Z') } });
    expect(scripted.server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(scripted.server.requests[0]!.text).toBe('{"at":"2024-05-01T10:00:00.000Z"}');
  });

  it('never shows the Authorization header to hooks', async () => {
    scripted.server.handle((_, res) => json(res, 200, {}));
    const seen: string[] = [];
    await get({
      apiKey: 'sk-hidden',
      hooks: {
        beforeRequest: (req, info) => { seen.push(`${info.operation}:${req.headers.get('authorization')}`); },
        afterResponse: (req, res) => { seen.push(`${res.status}:${req.headers.get('authorization')}`); },
      },
    });
    expect(seen).toEqual(['request:null', '200:null']);
    expect(scripted.server.requests[0]!.headers.authorization).toBe('Bearer sk-hidden');
  });

  it('lets beforeRequest replace the request', async () => {
    scripted.server.handle((_, res) => json(res, 200, {}));
    await get({ hooks: { beforeRequest: (req) => new Request(req, { headers: { ...Object.fromEntries(req.headers), 'x-signed': 'yes' } }) } });
    expect(scripted.server.requests[0]!.headers['x-signed']).toBe('yes');
  });
});

describe('HTTP errors', () => {
  it.each([
    [400, APIError, 'APIError'],
    [401, AuthenticationError, 'AuthenticationError'],
    [404, NotFoundError, 'NotFoundError'],
    [429, RateLimitError, 'RateLimitError'],
    [500, APIError, 'APIError'],
  ])('maps %i to %s with status, body, code, details and request id', async (status, cls, name) => {
    scripted.server.handle((_, res) => json(res, status, { error: 'it failed', code: 'E_CODE', details: { why: 1 } }, { 'x-request-id': 'rid-7', 'retry-after': '3' }));
    const error = await catchError(get());
    expect(error).toBeInstanceOf(cls);
    expect(error.name).toBe(name);
    expect(error).toMatchObject({
      status,
      code: 'E_CODE',
      details: { why: 1 },
      requestId: 'rid-7',
      body: { error: 'it failed', code: 'E_CODE', details: { why: 1 } },
      responseText: '{"error":"it failed","code":"E_CODE","details":{"why":1}}',
      operation: 'request',
    });
    expect(error.message).toContain('it failed');
    expect(error.headers['x-request-id']).toBe('rid-7');
    if (status === 429) expect(error.retryAfterMs).toBe(3000);
  });

  it('keeps an empty 401 body and a non-runtime JSON shape', async () => {
    scripted.server.handle((_, res) => { res.writeHead(401); res.end(); });
    const empty = await catchError(get());
    expect(empty).toBeInstanceOf(AuthenticationError);
    expect(empty).toMatchObject({ responseText: '', body: undefined, code: undefined });
    scripted.server.handle((_, res) => json(res, 422, { message: 'odd shape', errors: ['a'] }));
    const odd = await catchError(get());
    expect(odd).toMatchObject({ status: 422, body: { message: 'odd shape', errors: ['a'] }, code: undefined });
    expect(odd.message).toContain('odd shape');
  });

  it('keeps a proxy HTML error page as text, cut at 64 KiB', async () => {
    const page = `<html>${'x'.repeat(100_000)}</html>`;
    scripted.server.handle((_, res) => { res.writeHead(502, { 'content-type': 'text/html' }); res.end(page); });
    const error = await catchError(get());
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(502);
    expect(error.body).toBeUndefined();
    expect(error.responseText.startsWith('<html>xxx')).toBe(true);
    expect(error.responseText.length).toBeLessThan(66 * 1024);
    expect(error.responseText).toMatch(/truncated \d+ characters\]$/);
  });

  it('redacts the API key if the server echoes it', async () => {
    scripted.server.handle((req, res) => json(res, 400, { error: `bad token ${req.headers.authorization}` }));
    const error = await catchError(get({ apiKey: 'sk-echoed-secret' }));
    expect(inspect(error, { depth: 10 })).not.toContain('sk-echoed-secret');
    expect(JSON.stringify(error)).not.toContain('sk-echoed-secret');
    expect(error.message).toContain('[REDACTED]');
  });
});

describe('bad 2xx bodies', () => {
  it.each([
    ['invalid JSON', 'application/json', '{"a":'],
    ['HTML', 'text/html', '<html>hi</html>'],
    ['an empty body', 'application/json', ''],
  ])('a 200 with %s is a ResponseValidationError carrying the text', async (_, type, text) => {
    scripted.server.handle((__, res) => { res.writeHead(200, { 'content-type': type }); res.end(text); });
    const error = await catchError(healthCheck(ctxFor()));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.status).toBe(200);
    expect(error.responseText).toBe(text);
  });

  it('refuses a body larger than maxResponseBytes, with or without a content length', async () => {
    const big = 'a'.repeat(5000);
    scripted.server.handle((_, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(big)); });
    const declared = await catchError(get({ maxResponseBytes: 1000 }));
    expect(declared).toBeInstanceOf(ResponseValidationError);
    expect(declared.message).toContain('maxResponseBytes');
    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 10; i++) res.write('a'.repeat(500));
      res.end();
    });
    const streamed = await catchError(get({ maxResponseBytes: 1000 }));
    expect(streamed).toBeInstanceOf(ResponseValidationError);
    expect(streamed.message).toContain('maxResponseBytes');
  });
});

describe('error bodies larger than maxResponseBytes', () => {
  const page = `<html><body>${'<p>upstream error details</p>\n'.repeat(200)}</body></html>`;

  it('a 502 past the cap is an APIError with its status and a cut responseText, retried as any 502', async () => {
    scripted.server.handle((_, res) => { res.writeHead(502, { 'content-type': 'text/html' }); res.end(page); });
    const error = await catchError(get({ maxResponseBytes: 1000, maxRetries: 1 }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(ResponseValidationError);
    expect(error.status).toBe(502);
    expect(error.responseText).toMatch(/^<html><body><p>upstream error details<\/p>\n/);
    expect(error.responseText).toMatch(/…\[truncated at maxResponseBytes\]$/);
    expect(error.responseText.length).toBeLessThan(1100);
    expect(scripted.server.requests).toHaveLength(2);
  });

  it('a 404 past the cap is a NotFoundError, not retried; the cut never leaves half a credential', async () => {
    const key = 'sk-live-0123456789abcdef';
    // The key straddles the cap: the cut drops it whole rather than leave a prefix redaction cannot find.
    const body = `{"error":"${'x'.repeat(980)}","echo":"${key}"}`;
    scripted.server.handle((_, res) => { res.writeHead(404, { 'content-type': 'application/json' }); res.end(body); });
    const error = await catchError(get({ maxResponseBytes: 1000, maxRetries: 3, apiKey: key }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(error.responseText).not.toContain('sk-live');
    expect(error.responseText).toContain('[truncated');
    expect(scripted.server.requests).toHaveLength(1);
  });
});

describe('connection failures and timeouts', () => {
  it('connection refused is a ConnectionError with the cause kept', async () => {
    const port = await freePort();
    const error = await catchError(request(createContext({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 }), { method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toBeDefined();
  });

  it('a server that never answers hits the per-attempt timeout', async () => {
    scripted.server.handle(() => undefined);
    const started = performance.now();
    const error = await catchError(get({ timeout: 200 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('attempt');
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('headers then a stalled body still hits the timeout', async () => {
    scripted.server.handle((_, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"a":'); });
    const error = await catchError(get({ timeout: 300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('body');
  });

  it('totalTimeout across retries says it was the total', async () => {
    scripted.server.handle(() => undefined);
    const error = await catchError(get({ timeout: 150, totalTimeout: 400, maxRetries: 5 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('total');
  });

  it('totalTimeout running out during a back-off does not say it was reading a body', async () => {
    scripted.server.handle((_, res) => json(res, 503, { message: 'busy' }));
    const error = await catchError(get({ totalTimeout: 200, maxRetries: 5 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('total');
    expect(error.message).toMatch(/timed out \(totalTimeout reached\)$/);
    expect(error.message).not.toContain('reading');
    expect(scripted.server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('a reset in the middle of a body is a ConnectionError', async () => {
    scripted.server.handle((_, res, raw) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"a":"');
      setTimeout(() => raw.socket.destroy(), 20);
    });
    const error = await catchError(get());
    expect(error).toBeInstanceOf(ConnectionError);
  });
});

describe('per-call options that are not a plain object', () => {
  it.each([null, 'fast', 5, [], new Map()])('options %j is a ValidationError naming options, nothing sent', async (options) => {
    scripted.server.handle((_, res) => json(res, 200, []));
    const error = await catchError(listAgents(ctxFor(), options as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['options']);
    expect(error.message).toContain('options: expected a plain object');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it.each([['ab'], [['x-a', 'b']], [new Headers({ 'x-a': 'b' })], [null]])('headers %j is a ValidationError naming options.headers, nothing sent', async (headers) => {
    const error = await catchError(listAgents(ctxFor(), { headers: headers as never }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['options.headers']);
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('a signal that is not an AbortSignal is a ValidationError naming options.signal', async () => {
    const error = await catchError(listAgents(ctxFor(), { signal: { aborted: false } as never }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('options.signal');
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries idempotent requests on 503 and counts maxRetries after the first attempt', async () => {
    scripted.server.handle((_, res) => json(res, 503, { error: 'busy' }, { 'retry-after': '0.01' }));
    const error = await catchError(get({ maxRetries: 2 }));
    expect(error).toBeInstanceOf(APIError);
    expect(scripted.server.requests).toHaveLength(3);
  });

  it('succeeds when a retry does', async () => {
    let n = 0;
    scripted.server.handle((_, res) => (++n < 3 ? json(res, 502, {}, { 'retry-after': '0.01' }) : json(res, 200, { done: n })));
    await expect(get({ maxRetries: 3 })).resolves.toEqual({ done: 3 });
  });

  it('does not retry 400, 401 or 404', async () => {
    scripted.server.handle((_, res) => json(res, 404, { error: 'no' }));
    await catchError(get({ maxRetries: 3 }));
    expect(scripted.server.requests).toHaveLength(1);
  });

  it('does not retry a POST unless retry: true or an idempotency key is given, and keeps the key', async () => {
    scripted.server.handle((_, res) => json(res, 503, {}, { 'retry-after': '0.01' }));
    const ctx = ctxFor({ maxRetries: 2 });
    await catchError(request(ctx, { method: 'POST', path: '/p', body: {} }));
    expect(scripted.server.requests).toHaveLength(1);
    await catchError(request(ctx, { method: 'POST', path: '/p', body: {} }, { retry: true }));
    expect(scripted.server.requests).toHaveLength(4);
    await catchError(request(ctx, { method: 'POST', path: '/p', body: {} }, { idempotencyKey: 'idem-42' }));
    expect(scripted.server.requests).toHaveLength(7);
    expect(scripted.server.requests.slice(4).map((r) => r.headers['idempotency-key'])).toEqual(['idem-42', 'idem-42', 'idem-42']);
  });

  it('honours Retry-After in seconds', async () => {
    let n = 0;
    scripted.server.handle((_, res) => (++n === 1 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, {})));
    await get({ maxRetries: 1 });
    const [first, second] = scripted.server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    let n = 0;
    scripted.server.handle((_, res) => (++n === 1 ? json(res, 503, {}, { 'retry-after': new Date(Date.now() + 1500).toUTCString() }) : json(res, 200, {})));
    await get({ maxRetries: 1 });
    const [first, second] = scripted.server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(400);
  });

  it('fails at once when Retry-After would end past totalTimeout', async () => {
    scripted.server.handle((_, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '30' }));
    const started = performance.now();
    const error = await catchError(get({ maxRetries: 3, totalTimeout: 5000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(30_000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(scripted.server.requests).toHaveLength(1);
  });

  it('retries per-attempt timeouts and network errors', async () => {
    let n = 0;
    scripted.server.handle((_, res) => { if (++n > 1) json(res, 200, { n }); });
    await expect(get({ timeout: 150, maxRetries: 1 })).resolves.toEqual({ n: 2 });
  });

  it('calls beforeRetry with the SDK error and the retry count', async () => {
    scripted.server.handle((_, res) => json(res, 500, { error: 'x' }, { 'retry-after': '0.01' }));
    const seen: Array<[string, number]> = [];
    await catchError(get({ maxRetries: 2, hooks: { beforeRetry: ({ error, retryCount }) => { seen.push([(error as Error).name, retryCount]); } } }));
    expect(seen).toEqual([['APIError', 1], ['APIError', 2]]);
  });

  it('backs off exponentially with bounded jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoff)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    for (let i = 0; i < 1000; i++) {
      const delay = jitter(1000);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1000);
    }
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('abort', () => {
  it('aborts a request in flight with the signal reason', async () => {
    scripted.server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await catchError(get({}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
  });

  it('aborts during back-off at once with a custom reason', async () => {
    scripted.server.handle((_, res) => json(res, 503, {}, { 'retry-after': '10' }));
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 200);
    const started = performance.now();
    const error = await catchError(get({ maxRetries: 3 }, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(scripted.server.requests).toHaveLength(1);
  });

  it('rejects at once when the signal is already aborted, sending nothing', async () => {
    const error = await catchError(get({}, { signal: AbortSignal.abort('already') }));
    expect(error).toBe('already');
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('debug logging', () => {
  it('logs method, URL, status, duration and request id, never the key', async () => {
    scripted.server.handle((_, res) => json(res, 200, {}, { 'x-request-id': 'rid-9' }));
    const lines: string[] = [];
    await get({ apiKey: 'sk-log-secret', debug: true, logger: (line) => lines.push(line) });
    // One line for the attempt, one for the call (the contract's debug logging).
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/request GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/thing attempt 1 -> 200 in \d+ms \(request id rid-9\)/);
    expect(lines[1]).toMatch(/request GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/thing -> 200 in \d+ms \(request id rid-9\)/);
    expect(lines.join('\n')).not.toContain('sk-log-secret');
  });
});

describe('credentials in the body, echoed by a hostile server (issue 12)', () => {
  const SECRETS = ['a"b\\c/ä😀-secret', 'plain-token-value', 'jwt.agentpin.value', 'deep-secret-id'];
  const body = { secret_value: SECRETS[0], nested: { list: [{ token: SECRETS[1] }], agentpin_jwt: SECRETS[2] }, deeper: { a: { b: { secret_id: SECRETS[3] } } } };

  it.each([
    ['JSON-escaped once', (text: string) => text],
    ['JSON-escaped twice', (text: string) => JSON.stringify(text)],
    ['with \\u escapes in upper case', (text: string) => text.replace(/[^\x20-\x7e]/g, (u) => `\\u${u.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).replace(/\//g, '\\/')],
    ['percent-encoded', (text: string) => encodeURIComponent(text)],
  ])('leaves no secret in any part of the error when echoed %s', async (_, form) => {
    scripted.server.handle((req, res) => json(res, 400, { error: `invalid: ${form(req.text)}`, code: 'BAD', details: { echo: form(req.text), parsed: req.body } }, { 'x-echo': encodeURIComponent(req.text) }));
    const lines: string[] = [];
    const error = await catchError(request(ctxFor({ debug: true, logger: (line) => lines.push(line) }), { method: 'POST', path: '/secrets', body }));
    expect(error).toBeInstanceOf(APIError);
    const all = [error.message, error.responseText, JSON.stringify(error), JSON.stringify(error.body), JSON.stringify(error.details), JSON.stringify(error.headers), inspect(error, { depth: 9, showHidden: true }), ...lines].join('\n');
    expect(all).toContain('[REDACTED]');
    for (const secret of SECRETS) {
      for (const written of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) expect(all).not.toContain(written);
    }
    expect(all).not.toContain('ä😀');
  });

  it('an operation’s own credentials are redacted too', async () => {
    scripted.server.handle((req, res) => json(res, 500, { error: `env was ${JSON.stringify(req.body)}`, code: 'X' }));
    const { call } = await import('./call.ts');
    const error = await catchError(call(ctxFor(), {
      name: 'addServer', method: 'POST', path: '/mcp', body: { env: { GITHUB_TOKEN: 'ghp_env_secret_1' } },
      credentials: (b: { env: Record<string, string> }) => Object.values(b.env),
    }));
    expect(error.message).toContain('[REDACTED]');
    expect(JSON.stringify(error) + error.message).not.toContain('ghp_env_secret_1');
  });
});

describe('debug logging (contract v2)', () => {
  it('one line per attempt and a final line naming the error class, with retries', async () => {
    scripted.server.handle((_, res) => { res.writeHead(503); res.end(); });
    const lines: string[] = [];
    await catchError(get({ maxRetries: 1, debug: true, logger: (line) => lines.push(line) }));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/request GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/thing attempt 1 -> 503 in \d+ms$/);
    expect(lines[1]).toMatch(/attempt 2 -> 503 in \d+ms$/);
    expect(lines[2]).toMatch(/request GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/thing -> APIError \(503\) after 1 retries in \d+ms$/);
  });

  it('a connection failure has its final line too', async () => {
    const port = await freePort();
    const lines: string[] = [];
    await catchError(request(createContext({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, debug: true, logger: (line) => lines.push(line) }), { method: 'GET', path: '/x' }));
    expect(lines.at(-1)).toMatch(/-> ConnectionError in \d+ms$/);
  });
});

describe('a custom fetch that ignores the signal', () => {
  it('still times out per attempt', async () => {
    let calls = 0;
    const ctx = createContext({ baseUrl: scripted.server.url, maxRetries: 1, timeout: 100, fetch: () => { calls++; return new Promise<Response>(() => undefined); } });
    const error = await catchError(request(ctx, { method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('attempt');
    expect(calls).toBe(2);
  });
});
