import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { createContext, type ContextConfig } from '../createContext.ts';
import { APIError, RateLimitError } from '../errors.ts';
import { request } from '../request.ts';
import { isRuntimeError, MAX_RETRY_AFTER, parseRetryAfter } from './retryPolicy.ts';

const scripted = useScriptedServer();

const call = (method: 'GET' | 'PUT' | 'DELETE' | 'HEAD', config: ContextConfig = {}) =>
  request(createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 1, ...config }), { method, path: '/agents/x' });

describe('isRuntimeError', () => {
  it("recognises the runtime's { error, code } body only", () => {
    expect(isRuntimeError('{"error":"Agent not found","code":"AGENT_NOT_FOUND","details":null}')).toBe(true);
    expect(isRuntimeError('{"error":"x"}')).toBe(false);
    expect(isRuntimeError('Internal Server Error')).toBe(false);
    expect(isRuntimeError(undefined)).toBe(false);
  });
});

describe('the retry decision, counted at a loopback server', () => {
  it.each(['GET', 'PUT', 'DELETE'] as const)("a 500 with the runtime's JSON error body is final for %s", async (method) => {
    scripted.server.handle((_, res) => json(res, 500, { error: 'Internal error: Agent not found', code: 'AGENT_NOT_FOUND', details: null }));
    const error = await catchError(call(method, { maxRetries: 3 }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.code).toBe('AGENT_NOT_FOUND');
    expect(scripted.server.requests).toHaveLength(1);
  });

  it.each(['GET', 'PUT', 'DELETE', 'HEAD'] as const)('a 500 without it is retried for %s', async (method) => {
    scripted.server.handle((_, res) => { res.writeHead(500, { 'content-type': 'text/plain' }); res.end(method == 'HEAD' ? undefined : 'upstream broke'); });
    const error = await catchError(call(method));
    expect(error.status).toBe(500);
    expect(scripted.server.requests).toHaveLength(2);
  });

  it('a 503 with a JSON body that is not the runtime\'s is retried', async () => {
    scripted.server.handle((_, res) => json(res, 503, { message: 'maintenance' }));
    await catchError(call('GET'));
    expect(scripted.server.requests).toHaveLength(2);
  });

  it(`a Retry-After over ${MAX_RETRY_AFTER / 1000} s fails at once with the RateLimitError`, async () => {
    scripted.server.handle((_, res) => { res.writeHead(429, { 'retry-after': '120' }); res.end(); });
    const error = await catchError(call('GET', { maxRetries: 3 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(scripted.server.requests).toHaveLength(1);
  });

  it('a Retry-After ending past totalTimeout fails at once', async () => {
    scripted.server.handle((_, res) => { res.writeHead(429, { 'retry-after': '5' }); res.end(); });
    const error = await catchError(call('GET', { maxRetries: 3, totalTimeout: 2_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(5_000);
    expect(scripted.server.requests).toHaveLength(1);
  });

  it('a short Retry-After is waited for and retried', async () => {
    let n = 0;
    scripted.server.handle((_, res) => {
      if (n++ == 0) { res.writeHead(429, { 'retry-after': '0.05' }); res.end(); } else json(res, 200, { ok: true });
    });
    expect(await call('GET')).toEqual({ ok: true });
    expect(scripted.server.requests).toHaveLength(2);
  });
});

describe('a Retry-After that is not in the future is ignored: the normal back-off applies', () => {
  it.each(['0', '0.0', '-3', 'Thu, 01 Jan 1970 00:00:00 GMT', 'soon'])('Retry-After: %s then 200 waits the back-off (at least 250 ms) before the retry', async (value) => {
    let n = 0;
    scripted.server.handle((_, res) => {
      if (n++ == 0) { res.writeHead(503, { 'retry-after': value }); res.end(); } else json(res, 200, { ok: true });
    });
    expect(await call('GET')).toEqual({ ok: true });
    expect(scripted.server.requests).toHaveLength(2);
    // The first back-off is 500 ms with jitter: at least 250 ms. Load only makes the gap longer.
    expect(scripted.server.requests[1]!.at - scripted.server.requests[0]!.at).toBeGreaterThanOrEqual(240);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores anything else', () => {
    expect(parseRetryAfter('0')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
    expect(parseRetryAfter(new Date(Date.now() - 5_000).toUTCString())).toBeUndefined();
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 90_000).toUTCString())).toBeGreaterThan(MAX_RETRY_AFTER);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
