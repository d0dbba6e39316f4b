// Issue 7's fault-injection suite: each fault against a real loopback server, each ending in the
// right typed error within the configured time, never a hang and never an unhandled rejection.
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  APIError,
  NotFoundError,
  RateLimitError,
  ConnectionError,
  createContext,
  healthCheck,
  request,
  ResponseValidationError,
  TimeoutError,
  type ContextConfig,
} from '@symbiont/core';
import { freePort, json, startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

let server: ScriptedServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
  // Let any stray rejection surface before checking.
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(unhandled).toEqual([]);
});

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0, timeout: 2000, ...config });
const outcome = async (promise: Promise<unknown>): Promise<{ error: any; ms: number }> => {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
};
const health = { status: 'ok', uptime_seconds: 1, timestamp: '2024-01-01T00:00:00Z', version: '1' };

describe('connection faults', () => {
  it('connection refused → ConnectionError with the cause kept', async () => {
    const port = await freePort();
    const { error, ms } = await outcome(healthCheck(createContext({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain('ECONNREFUSED');
    expect(ms).toBeLessThan(2000);
  });

  it('connection reset before headers → ConnectionError', async () => {
    server.handle((_, __, raw) => { raw.socket.destroy(); });
    const { error } = await outcome(healthCheck(ctxFor()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toBeDefined();
  });

  it('connection reset in the middle of a body → ConnectionError', async () => {
    server.handle((_, res, raw) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"status":"');
      setTimeout(() => raw.socket.destroy(), 20);
    });
    const { error } = await outcome(healthCheck(ctxFor()));
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('a server that accepts and never answers → TimeoutError(kind attempt) on time', async () => {
    server.handle(() => undefined);
    const { error, ms } = await outcome(healthCheck(ctxFor({ timeout: 300 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('attempt');
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1500);
  });

  it('headers then a stalled body → TimeoutError on time', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
    });
    const { error, ms } = await outcome(healthCheck(ctxFor({ timeout: 300 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(1500);
  });

  it('an overall deadline across retries → TimeoutError(kind total)', async () => {
    server.handle(() => undefined);
    const { error, ms } = await outcome(healthCheck(ctxFor({ timeout: 100, totalTimeout: 900, maxRetries: 10 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('total');
    expect(ms).toBeLessThan(1500);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });
});

describe('bad bodies', () => {
  const answer = (status: number, type: string | undefined, text: string) => server.handle((_, res) => {
    res.writeHead(status, type ? { 'content-type': type } : {});
    res.end(text);
  });

  it.each([
    ['invalid JSON', 'application/json', '{"status": "ok",'],
    ['HTML', 'text/html', '<!doctype html><p>hello</p>'],
    ['an empty body', 'application/json', ''],
    ['a non-JSON content type', 'text/plain', JSON.stringify(health)],
  ])('a 200 with %s → ResponseValidationError carrying the raw text', async (_, type, text) => {
    answer(200, type, text);
    const { error } = await outcome(healthCheck(ctxFor()));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.status).toBe(200);
    expect(error.responseText).toBe(text);
  });

  it('a 502 HTML page from a proxy → APIError with the page text', async () => {
    answer(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
    const { error } = await outcome(healthCheck(ctxFor()));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(502);
    expect(error.body).toBeUndefined();
    expect(error.responseText).toContain('502 Bad Gateway');
  });

  it('a 4xx JSON body not in the runtime shape → APIError with body and text', async () => {
    answer(409, 'application/json', '{"detail":[{"loc":["x"],"msg":"bad"}]}');
    const { error } = await outcome(healthCheck(ctxFor()));
    expect(error).toBeInstanceOf(APIError);
    expect(error.body).toEqual({ detail: [{ loc: ['x'], msg: 'bad' }] });
    expect(error.code).toBeUndefined();
    expect(error.responseText).toBe('{"detail":[{"loc":["x"],"msg":"bad"}]}');
  });

  it('raw text is capped at 64 KiB with a marker', async () => {
    answer(500, 'text/plain', 'e'.repeat(200_000));
    const { error } = await outcome(healthCheck(ctxFor()));
    expect(error.responseText.length).toBeLessThanOrEqual(64 * 1024 + 40);
    expect(error.responseText).toMatch(/\[truncated 134464 characters\]$/);
  });

  it('a body of tens of MB stops at maxResponseBytes (default 32 MiB) without buffering it all', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    let written = 0; // MiB chunks the server managed to hand to its socket
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (sent < 64 && (written++, res.write(chunk))) sent++;
        if (sent < 64 && !res.destroyed) res.once('drain', () => { sent++; pump(); });
        else res.end();
      };
      res.on('close', () => { sent = 64; });
      pump();
    });
    // Collected before and after (vitest runs with --expose-gc): what is left is what the SDK kept.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    const { error } = await outcome(healthCheck(ctxFor({ timeout: 20_000 })));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('maxResponseBytes (33554432 bytes)');
    // The SDK stopped reading and closed the stream: the server never got to write the whole body.
    expect(written).toBeLessThan(64);
    gc?.();
    const after = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    expect(after - before).toBeLessThan(80 * 1024 * 1024);
  });
});

describe('retries under faults', () => {
  it('POST is not retried by default; retry: true opts in; the Idempotency-Key is identical on every attempt', async () => {
    server.handle((_, res) => json(res, 503, { error: 'busy' }, { 'retry-after': '0.01' }));
    const ctx = ctxFor({ maxRetries: 2 });
    await outcome(request(ctx, { method: 'POST', path: '/agents', body: { a: 1 } }));
    expect(server.requests).toHaveLength(1);
    await outcome(request(ctx, { method: 'POST', path: '/agents', body: { a: 1 } }, { retry: true }));
    expect(server.requests).toHaveLength(4);
    await outcome(request(ctx, { method: 'POST', path: '/agents', body: { a: 1 } }, { idempotencyKey: 'k-1' }));
    expect(new Set(server.requests.slice(4).map((r) => r.headers['idempotency-key']))).toEqual(new Set(['k-1']));
    expect(server.requests.slice(4).every((r) => r.text === '{"a":1}')).toBe(true);
  });

  it('a Retry-After beyond the deadline fails at once instead of sleeping past it', async () => {
    server.handle((_, res) => json(res, 503, { error: 'later' }, { 'retry-after': '120' }));
    const { error, ms } = await outcome(healthCheck(ctxFor({ maxRetries: 3, totalTimeout: 3000 })));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(503);
    expect(ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });
});

describe('runtime-shaped faults (contract v2)', () => {
  it("a 500 with the runtime's { error, code } body is final: one request", async () => {
    server.handle((_, res) => json(res, 500, { error: 'Internal error: Agent not found', code: 'AGENT_NOT_FOUND', details: null }));
    const { error } = await outcome(request(ctxFor({ maxRetries: 3 }), { method: 'DELETE', path: '/agents/x' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.code).toBe('AGENT_NOT_FOUND');
    expect(server.requests).toHaveLength(1);
  });

  it('a 429 with a Retry-After over 60 s → RateLimitError at once, retryAfterMs set', async () => {
    server.handle((_, res) => { res.writeHead(429, { 'retry-after': '3600' }); res.end(); });
    const { error, ms } = await outcome(healthCheck(ctxFor({ maxRetries: 3 })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(ms).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });

  it('an empty 404 → NotFoundError saying the route is not served', async () => {
    server.handle((_, res) => { res.writeHead(404); res.end(); });
    const { error } = await outcome(request(ctxFor(), { method: 'GET', path: '/tool-review/sessions' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('does not serve GET /tool-review/sessions');
  });

  it('a redirect to another origin → APIError naming only that origin; nothing is sent there', async () => {
    const other = await startScriptedServer();
    try {
      server.handle((_, res) => { res.writeHead(307, { location: `${other.url}/x?token=abcd` }); res.end(); });
      const { error } = await outcome(request(ctxFor({ apiKey: 'sk-not-for-others' }), { method: 'POST', path: '/secrets', body: { secret_value: 'nope-nope' } }));
      expect(error).toBeInstanceOf(APIError);
      expect(error.message).toContain(`redirect to ${other.url} not followed`);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('a gzip bomb with a small content-length → ResponseValidationError at the decoded cap', async () => {
    const bomb = gzipSync(Buffer.alloc(50_000_000, 32));
    server.handle((_, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }); res.end(bomb); });
    const { error } = await outcome(healthCheck(ctxFor({ maxResponseBytes: 1_000_000 })));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('maxResponseBytes');
  });
});

describe('back-off timing (fake timers, asserted on)', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('waits base × 2^n with jitter kept within [50 %, 100 %] of it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const attempts: number[] = [];
    const fetch = async () => {
      attempts.push(Date.now());
      return new Response('{"error":"busy"}', { status: 503, headers: { 'content-type': 'application/json' } });
    };
    for (const random of [0, 0.999999]) {
      attempts.length = 0;
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const ctx = createContext({ baseUrl: 'http://runtime.test/api/v1', fetch, maxRetries: 3, timeout: 60_000 });
      const settled = healthCheck(ctx).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(20_000);
      const error = await settled;
      expect(error).toBeInstanceOf(APIError);
      expect(attempts).toHaveLength(4);
      const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
      // random 0 → the lower bound (half the delay); random ≈1 → the full delay.
      const expected = random === 0 ? [250, 500, 1000] : [500, 1000, 2000];
      gaps.forEach((gap, i) => expect(Math.abs(gap - expected[i]!)).toBeLessThanOrEqual(2));
      vi.restoreAllMocks();
    }
  });

  it('never sleeps before a retry less than the lower bound', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response('{}', { status: 500, headers: { 'content-type': 'application/json' } });
    };
    const settled = healthCheck(createContext({ baseUrl: 'http://runtime.test', fetch, maxRetries: 1 })).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(249);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls).toBe(2);
    await settled;
  });
});

describe('abort', () => {
  it('an abort during the request rejects with the signal reason at once', async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, ms } = await outcome(healthCheck(ctxFor({ timeout: 10_000 }), { signal: controller.signal }));
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
    expect(ms).toBeLessThan(1000);
  });

  it('an abort during the back-off sleep rejects with the signal reason at once', async () => {
    server.handle((_, res) => json(res, 503, {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    const reason = new Error('stop now');
    setTimeout(() => controller.abort(reason), 150);
    const { error, ms } = await outcome(healthCheck(ctxFor({ maxRetries: 2 }), { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(1000);
  });

  it('an abort while the body streams rejects with the signal reason', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort('cancelled mid-body'), 100);
    const { error } = await outcome(healthCheck(ctxFor({ timeout: 10_000 }), { signal: controller.signal }));
    expect(error).toBe('cancelled mid-body');
  });
});

describe('credentials in failures', () => {
  it('the API key is in no error message, stack, cause, inspect or JSON, across failure kinds', async () => {
    const key = 'sk-live-0123456789abcdef';
    const cases: Array<() => void> = [
      () => server.handle((req, res) => json(res, 401, { error: `invalid key ${req.headers.authorization}` })),
      () => server.handle((req, res) => json(res, 500, { error: 'boom', echo: req.headers })),
      () => server.handle((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<p>${req.headers.authorization}</p>`); }),
      () => server.handle((_, __, raw) => { raw.socket.destroy(); }),
      () => server.handle(() => undefined),
    ];
    for (const arrange of cases) {
      arrange();
      const { error } = await outcome(healthCheck(ctxFor({ apiKey: key, timeout: 200 })));
      for (const text of [error.message, error.stack, inspect(error, { showHidden: true, depth: 10 }), JSON.stringify(error), String(error.cause?.stack)]) {
        expect(text).not.toContain(key);
      }
    }
  });
});
