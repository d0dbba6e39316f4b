import { gzipSync } from 'node:zlib';
import { APIError, createContext, NotFoundError, ResponseValidationError, TimeoutError, ValidationError } from '@symbiont/core';
import { AUTHORIZATION } from '@symbiont/core/kernel';
import { startMockRuntime } from '@symbiont/mock-runtime';
import { catchError, json, startScriptedServer, type ScriptedServer, useScriptedServer } from '@symbiont/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchProviderKey } from './index.ts';

const scripted = useScriptedServer();

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n';
const API_KEY = 'sk-very-secret-key';

describe('fetchProviderKey', () => {
  it('GETs the full URL and returns public_key_pem, sending no Authorization, ctx headers or hook changes', async () => {
    scripted.server.handle((_, res) => json(res, 200, { schema_version: '1.1', developer_name: 'Provider', public_key_pem: PEM, revoked_keys: [] }));
    let hookCalls = 0;
    const ctx = createContext({
      baseUrl: 'http://127.0.0.1:1/api/v1',
      apiKey: API_KEY,
      headers: { 'X-Tenant': 'acme', Authorization: 'Bearer from-headers' },
      hooks: {
        beforeRequest: (request) => {
          hookCalls++;
          request.headers.set('x-from-hook', 'yes');
        },
      },
    });
    const key = await fetchProviderKey(ctx, `${scripted.server.url}/.well-known/schemapin.json`);
    expect(key).toBe(PEM);
    expect(scripted.server.requests).toHaveLength(1);
    const [request] = scripted.server.requests;
    expect(request!.method).toBe('GET');
    expect(request!.url).toBe('/.well-known/schemapin.json');
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.headers['x-tenant']).toBeUndefined();
    expect(request!.headers['x-from-hook']).toBeUndefined();
    expect(JSON.stringify(request!.headers)).not.toContain(API_KEY);
    expect(hookCalls).toBe(0);
  });

  it('a spread copy of a context does not carry the hidden authorization', () => {
    const ctx = createContext({ apiKey: API_KEY });
    expect(typeof (ctx as any)[AUTHORIZATION]).toBe('function');
    const copy = { ...ctx };
    expect(Object.getOwnPropertySymbols(copy)).not.toContain(AUTHORIZATION);
    expect((copy as any)[AUTHORIZATION]).toBeUndefined();
  });

  it("uses the context's fetch and per-call headers for that host", async () => {
    scripted.server.handle((_, res) => json(res, 200, { public_key_pem: PEM }));
    const urls: string[] = [];
    const ctx = createContext({ apiKey: API_KEY, fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    } });
    await fetchProviderKey(ctx, `${scripted.server.url}/keys/schemapin.json?v={1}`, { headers: { 'x-trace': 't1' } });
    expect(urls).toEqual([new URL(`${scripted.server.url}/keys/schemapin.json?v={1}`).href]);
    expect(scripted.server.requests[0]!.headers['x-trace']).toBe('t1');
    expect(scripted.server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("uses the context's timeout", async () => {
    scripted.server.handle(() => { /* never answers */ });
    const ctx = createContext({ timeout: 150, maxRetries: 0 });
    const error = await catchError(fetchProviderKey(ctx, `${scripted.server.url}/.well-known/schemapin.json`));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.kind).toBe('attempt');
    expect(error.message).toContain('fetchProviderKey');
    expect(error.message).toContain('150 ms');
    // A per-call timeout overrides the context's.
    const perCall = await catchError(fetchProviderKey(createContext({ timeout: 60_000 }), `${scripted.server.url}/.well-known/schemapin.json`, { timeout: 100 }));
    expect(perCall).toBeInstanceOf(TimeoutError);
    expect(perCall.message).toContain('100 ms');
  });

  it('works against the mock runtime, whose document is at the server root', async () => {
    const runtime = await startMockRuntime({ apiKey: 'mock-key' });
    try {
      const ctx = createContext({ baseUrl: runtime.url, apiKey: 'mock-key' });
      const key = await fetchProviderKey(ctx, new URL('/.well-known/schemapin.json', runtime.url).href);
      expect(key).toBe(runtime.publicKey);
      expect(runtime.requests.at(-1)).toMatchObject({ method: 'GET', path: '/.well-known/schemapin.json' });
      expect(runtime.requests.at(-1)!.headers.authorization).toBeUndefined();
    } finally {
      await runtime.close();
    }
  });

  it('refuses a body without a string public_key_pem, or not JSON', async () => {
    const ctx = createContext({ maxRetries: 0 });
    const url = `${scripted.server.url}/.well-known/schemapin.json`;
    scripted.server.handle((_, res) => json(res, 200, { public_key: PEM }));
    const missing = await catchError(fetchProviderKey(ctx, url));
    expect(missing).toBeInstanceOf(ResponseValidationError);
    expect(missing.issues[0].path).toBe('response.public_key_pem');

    scripted.server.handle((_, res) => json(res, 200, { public_key_pem: 42 }));
    expect(await catchError(fetchProviderKey(ctx, url))).toBeInstanceOf(ResponseValidationError);

    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect(await catchError(fetchProviderKey(ctx, url))).toBeInstanceOf(ResponseValidationError);

    // Validated even when the context turns response validation off.
    scripted.server.handle((_, res) => json(res, 200, {}));
    expect(await catchError(fetchProviderKey(createContext({ validateResponses: false }), url))).toBeInstanceOf(ResponseValidationError);
  });

  it('maps HTTP errors as usual', async () => {
    scripted.server.handle((_, res) => json(res, 404, { error: 'no such document', code: 'NOT_FOUND' }));
    const error = await catchError(fetchProviderKey(createContext({ maxRetries: 0 }), `${scripted.server.url}/.well-known/schemapin.json`));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.operation).toBe('fetchProviderKey');
  });

  it.each(['/.well-known/schemapin.json', 'ftp://example.com/schemapin.json', 'not a url', 'http://user:pass@example.com/x', 'https://user:pass@example.com/x', 42, undefined])('refuses url %j without sending', async (url) => {
    const error = await catchError(fetchProviderKey(createContext(), url as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('fetchProviderKey');
    expect(error.issues[0].path).toBe('url');
    expect(error.message).not.toContain('pass');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('refuses a missing context', async () => {
    const error = await catchError(fetchProviderKey(undefined as never, `${scripted.server.url}/x`));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('ctx');
    expect(scripted.server.requests).toHaveLength(0);
  });
});

/** A context whose fetch records every URL and never reaches the network. */
const recordingContext = (answer: () => Response = () => Response.json({ public_key_pem: PEM })) => {
  const urls: string[] = [];
  const ctx = createContext({ apiKey: API_KEY, fetch: async (input) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return answer();
  } });
  return { ctx, urls };
};

describe('fetchProviderKey: https only', () => {
  it.each(['http://example.com/.well-known/schemapin.json', 'http://10.0.0.1/.well-known/schemapin.json', 'http://localhost.example.com/x', 'http://[::2]/x'])(
    'refuses %s without sending, naming only the host',
    async (url) => {
      const { ctx, urls } = recordingContext();
      const error = await catchError(fetchProviderKey(ctx, `${url}?token=query-secret`));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('url');
      expect(error.message).toContain('https');
      expect(error.message).toContain(new URL(url).host);
      expect(error.message).not.toContain('query-secret');
      expect(urls).toEqual([]);
    },
  );

  it.each(['https://provider.example.com/.well-known/schemapin.json', 'http://localhost:8080/x', 'http://127.0.0.1/x', 'http://[::1]:9000/x'])('accepts %s', async (url) => {
    const { ctx, urls } = recordingContext();
    expect(await fetchProviderKey(ctx, url)).toBe(PEM);
    expect(urls).toEqual([new URL(url).href]);
  });
});

describe('fetchProviderKey: redirects', () => {
  let other: ScriptedServer;
  beforeEach(async () => {
    other = await startScriptedServer((_, res) => json(res, 200, { public_key_pem: 'ATTACKER KEY' }));
  });
  afterEach(async () => {
    await other.close();
  });

  const redirectTo = (location: string, status = 302) => (_: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(status, { location, 'content-length': '0' });
    res.end();
  };

  it.each([301, 302, 303, 307, 308])('does not follow a %i to another origin: an APIError naming only that origin, nothing reaches it', async (status) => {
    scripted.server.handle(redirectTo(`${other.url}/keys/evil.json?token=redirect-secret`, status));
    const error = await catchError(fetchProviderKey(createContext({ apiKey: API_KEY }), `${scripted.server.url}/.well-known/schemapin.json`, { headers: { 'x-trace': 't' } }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    expect(error.operation).toBe('fetchProviderKey');
    expect(error.message).toContain(`another origin (${other.url})`);
    expect(error.message).not.toContain('evil.json');
    expect(error.message).not.toContain('redirect-secret');
    expect(JSON.stringify(error)).not.toContain('redirect-secret');
    expect(error.headers.location).toBe(other.url);
    expect(other.requests).toHaveLength(0);
    expect(scripted.server.requests).toHaveLength(1);
  });

  it('treats another port, scheme or host name as another origin', async () => {
    const port = new URL(scripted.server.url).port;
    for (const target of [`http://localhost:${port}/x`, `https://127.0.0.1:${port}/x`, other.url]) {
      scripted.server.handle(redirectTo(target));
      const error = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/.well-known/schemapin.json`));
      expect(error).toBeInstanceOf(APIError);
      expect(error.message).toContain(`(${new URL(target).origin})`);
    }
    expect(other.requests).toHaveLength(0);
  });

  it('follows same-origin redirects (relative or absolute), at most 5, with the per-call headers and nothing else', async () => {
    scripted.server.handle((req, res) => {
      const hop = Number(new URL(req.url, scripted.server.url).searchParams.get('hop') ?? 0);
      if (hop < 5) redirectTo(hop % 2 ? `/next?hop=${hop + 1}` : `${scripted.server.url}/next?hop=${hop + 1}`)(req, res);
      else json(res, 200, { public_key_pem: PEM });
    });
    const ctx = createContext({ apiKey: API_KEY, headers: { 'x-tenant': 'acme' } });
    expect(await fetchProviderKey(ctx, `${scripted.server.url}/.well-known/schemapin.json`, { headers: { 'x-trace': 't' } })).toBe(PEM);
    expect(scripted.server.requests.map((r) => r.url)).toEqual(['/.well-known/schemapin.json', '/next?hop=1', '/next?hop=2', '/next?hop=3', '/next?hop=4', '/next?hop=5']);
    for (const request of scripted.server.requests) {
      expect(request.headers['x-trace']).toBe('t');
      expect(request.headers['x-tenant']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('fails on a sixth redirect, and on a redirect without a Location', async () => {
    scripted.server.handle(redirectTo('/again'));
    const error = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/.well-known/schemapin.json`));
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toContain('more than 5 redirects');
    expect(scripted.server.requests).toHaveLength(6);

    scripted.server.handle((_, res) => {
      res.writeHead(302, { 'content-length': '0' });
      res.end();
    });
    const missing = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/.well-known/schemapin.json`));
    expect(missing).toBeInstanceOf(APIError);
    expect(missing.message).toContain('without a usable Location');
  });
});

describe('fetchProviderKey: 64 KiB cap', () => {
  const LIMIT = 65_536;
  /** A JSON document of exactly `size` bytes. */
  const documentOf = (size: number): string => {
    const base = JSON.stringify({ public_key_pem: PEM, padding: '' });
    return JSON.stringify({ public_key_pem: PEM, padding: 'x'.repeat(size - base.length) });
  };

  it('accepts a document of exactly 64 KiB and refuses one byte more (declared length)', async () => {
    const exact = documentOf(LIMIT);
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': LIMIT });
      res.end(exact);
    });
    expect(await fetchProviderKey(createContext(), `${scripted.server.url}/k`)).toBe(PEM);

    const over = documentOf(LIMIT + 1);
    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': LIMIT + 1 });
      res.end(over);
    });
    const error = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/k`));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('larger than 65536 bytes');
  });

  it('refuses a chunked body past 64 KiB while streaming, without reading the rest', async () => {
    let written = 0;
    let closed!: () => void;
    const done = new Promise<void>((resolve) => { closed = resolve; });
    scripted.server.handle(async (_, res) => {
      let wake = () => {};
      res.writeHead(200, { 'content-type': 'application/json' }); // no content-length: chunked
      res.on('close', () => { closed(); wake(); });
      res.on('drain', () => wake());
      res.write('{"public_key_pem":"');
      const chunk = 'x'.repeat(16_384);
      while (!res.destroyed && written < 20 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) await new Promise<void>((resolve) => { wake = resolve; });
      }
      res.end();
    });
    const error = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/k`));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('larger than 65536 bytes');
    await done;
    // The client stopped reading: far less than the 20 MiB the server had to send went out.
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  it('counts decoded bytes: a small gzip body that expands past 64 KiB is refused', async () => {
    const compressed = gzipSync(documentOf(1024 * 1024));
    expect(compressed.length).toBeLessThan(LIMIT);
    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': compressed.length });
      res.end(compressed);
    });
    const error = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/k`));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('larger than 65536 bytes');
  });

  it('caps an error body too', async () => {
    scripted.server.handle((_, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('e'.repeat(LIMIT * 4));
    });
    const error = await catchError(fetchProviderKey(createContext(), `${scripted.server.url}/k`));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(500);
    expect(error.responseText.length).toBeLessThan(LIMIT);
  });
});

describe('fetchProviderKey: signal', () => {
  it("rejects with the signal's reason", async () => {
    scripted.server.handle(() => { /* never answers */ });
    const controller = new AbortController();
    const promise = fetchProviderKey(createContext(), `${scripted.server.url}/k`, { signal: controller.signal });
    controller.abort(new Error('stop'));
    expect((await catchError(promise)).message).toBe('stop');
  });
});
