import { createContext, NotFoundError, ResponseValidationError, TimeoutError, ValidationError } from '@symbiont/core';
import { AUTHORIZATION } from '@symbiont/core/kernel';
import { startMockRuntime } from '@symbiont/mock-runtime';
import { catchError, json, startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchProviderKey } from './index.ts';

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n';
const API_KEY = 'sk-very-secret-key';

describe('fetchProviderKey', () => {
  it('GETs the full URL and returns public_key_pem, sending no Authorization, ctx headers or hook changes', async () => {
    server.handle((_, res) => json(res, 200, { schema_version: '1.1', developer_name: 'Provider', public_key_pem: PEM, revoked_keys: [] }));
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
    const key = await fetchProviderKey(ctx, `${server.url}/.well-known/schemapin.json`);
    expect(key).toBe(PEM);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
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
    server.handle((_, res) => json(res, 200, { public_key_pem: PEM }));
    const urls: string[] = [];
    const ctx = createContext({ apiKey: API_KEY, fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    } });
    await fetchProviderKey(ctx, `${server.url}/keys/schemapin.json?v={1}`, { headers: { 'x-trace': 't1' } });
    expect(urls).toEqual([`${server.url}/keys/schemapin.json?v=%7B1%7D`]);
    expect(server.requests[0]!.headers['x-trace']).toBe('t1');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("uses the context's timeout", async () => {
    server.handle(() => { /* never answers */ });
    const ctx = createContext({ timeout: 150, maxRetries: 0 });
    const started = performance.now();
    const error = await catchError(fetchProviderKey(ctx, `${server.url}/.well-known/schemapin.json`));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('fetchProviderKey');
    expect(performance.now() - started).toBeLessThan(2_000);
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
    const url = `${server.url}/.well-known/schemapin.json`;
    server.handle((_, res) => json(res, 200, { public_key: PEM }));
    const missing = await catchError(fetchProviderKey(ctx, url));
    expect(missing).toBeInstanceOf(ResponseValidationError);
    expect(missing.issues[0].path).toBe('response.public_key_pem');

    server.handle((_, res) => json(res, 200, { public_key_pem: 42 }));
    expect(await catchError(fetchProviderKey(ctx, url))).toBeInstanceOf(ResponseValidationError);

    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect(await catchError(fetchProviderKey(ctx, url))).toBeInstanceOf(ResponseValidationError);

    // Validated even when the context turns response validation off.
    server.handle((_, res) => json(res, 200, {}));
    expect(await catchError(fetchProviderKey(createContext({ validateResponses: false }), url))).toBeInstanceOf(ResponseValidationError);
  });

  it('maps HTTP errors as usual', async () => {
    server.handle((_, res) => json(res, 404, { error: 'no such document', code: 'NOT_FOUND' }));
    const error = await catchError(fetchProviderKey(createContext({ maxRetries: 0 }), `${server.url}/.well-known/schemapin.json`));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.operation).toBe('fetchProviderKey');
  });

  it.each(['/.well-known/schemapin.json', 'ftp://example.com/schemapin.json', 'not a url', 'http://user:pass@example.com/x', 42, undefined])('refuses url %j without sending', async (url) => {
    const error = await catchError(fetchProviderKey(createContext(), url as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('fetchProviderKey');
    expect(error.issues[0].path).toBe('url');
    expect(error.message).not.toContain('pass');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a missing context', async () => {
    const error = await catchError(fetchProviderKey(undefined as never, `${server.url}/x`));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('ctx');
    expect(server.requests).toHaveLength(0);
  });
});
