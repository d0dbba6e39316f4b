import { createPublicKey } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockRuntime, type MockRuntime } from './index.ts';

const API_KEY = 'test-key-123';
const running: MockRuntime[] = [];

async function start(options: Parameters<typeof startMockRuntime>[0] = {}): Promise<MockRuntime> {
  const mock = await startMockRuntime(options);
  running.push(mock);
  return mock;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

function origin(mock: MockRuntime): string {
  return mock.url.replace(/\/api\/v1$/, '');
}

const auth = { authorization: `Bearer ${API_KEY}` };

describe('startMockRuntime', () => {
  it('listens on 127.0.0.1 with a free port and a base URL ending in /api/v1', async () => {
    const mock = await start();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(mock.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n?$/);
    const key = createPublicKey(mock.publicKey);
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('serves /.well-known/schemapin.json at the root without auth', async () => {
    const mock = await start({ apiKey: API_KEY });
    const res = await fetch(`${origin(mock)}/.well-known/schemapin.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      schema_version: '1.1',
      developer_name: 'Symbiont Mock Runtime',
      public_key_pem: mock.publicKey,
      revoked_keys: [],
    });
    const underBase = await fetch(`${mock.url}/.well-known/schemapin.json`, { headers: auth });
    expect(underBase.status).toBe(404);
  });
});

describe('auth', () => {
  it('keeps /health public when an API key is set', async () => {
    const mock = await start({ apiKey: API_KEY });
    const res = await fetch(`${mock.url}/health`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ status: 'healthy' });
  });

  it('answers 401 { error, code } without or with a wrong token', async () => {
    const mock = await start({ apiKey: API_KEY });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: API_KEY }];
    for (const headers of attempts) {
      const res = await fetch(`${mock.url}/agents`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: 'unauthorized', code: 'UNAUTHORIZED' });
    }
    const unknown = await fetch(`${mock.url}/no/such/route`);
    expect(unknown.status).toBe(401);
    const ok = await fetch(`${mock.url}/agents`, { headers: auth });
    expect(ok.status).toBe(200);
  });

  it('needs no header when no API key is set', async () => {
    const mock = await start();
    expect((await fetch(`${mock.url}/agents`)).status).toBe(200);
  });
});

describe('errors and headers', () => {
  it('sends x-request-id, content-type and CORS headers on every response', async () => {
    const mock = await start();
    const ids = new Set<string>();
    for (const path of ['/health', '/agents', '/nope']) {
      const res = await fetch(`${mock.url}${path}`);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id, retry-after');
      const id = res.headers.get('x-request-id');
      expect(id).toBeTruthy();
      ids.add(id ?? '');
    }
    expect(ids.size).toBe(3);
  });

  it('answers unknown routes 404, unknown agents 404, wrong methods 405', async () => {
    const mock = await start();
    const route = await fetch(`${mock.url}/does-not-exist`);
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ code: 'NOT_FOUND', error: expect.any(String) });

    const agent = await fetch(`${mock.url}/agents/ghost/status`);
    expect(agent.status).toBe(404);
    const body = (await agent.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'error']);
    expect(body).toEqual({ error: "agent 'ghost' not found", code: 'NOT_FOUND' });

    const method = await fetch(`${mock.url}/health`, { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toContain('GET');
    expect(await method.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers invalid JSON with 400 INVALID_JSON', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/agents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_JSON', error: expect.any(String) });
    expect(mock.requests.at(-1)).toMatchObject({ method: 'POST', path: '/agents', body: undefined });
  });

  it('answers HEAD like GET without a body', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('CORS preflight', () => {
  it('answers OPTIONS 204 without auth, reflecting requested headers', async () => {
    const mock = await start({ apiKey: API_KEY });
    const res = await fetch(`${mock.url}/agents`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, x-custom' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, HEAD, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, x-custom');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.text()).toBe('');
  });

  it('lists the default allowed headers when none are requested', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/agents`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type, accept, idempotency-key, x-request-id');
  });
});

describe('request recording', () => {
  it('records method, still-encoded path, query and body in order', async () => {
    const mock = await start();
    await fetch(`${mock.url}/agents/a%2Fb/status?x=1&y=two%20words`);
    await fetch(`${mock.url}/workflows/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k1' },
      body: JSON.stringify({ workflow_id: 'wf', parameters: {} }),
    });
    await fetch(`${origin(mock)}/.well-known/schemapin.json`);
    expect(mock.requests).toEqual([
      { method: 'GET', path: '/agents/a%2Fb/status', query: { x: '1', y: 'two words' }, body: undefined, headers: expect.any(Object) },
      { method: 'POST', path: '/workflows/execute', query: {}, body: { workflow_id: 'wf', parameters: {} }, headers: expect.objectContaining({ 'idempotency-key': 'k1' }) },
      { method: 'GET', path: '/.well-known/schemapin.json', query: {}, body: undefined, headers: expect.any(Object) },
    ]);
    mock.clearRequests();
    expect(mock.requests).toEqual([]);
  });

  it('decodes path params after matching the encoded path', async () => {
    const mock = await start();
    const created = await fetch(`${mock.url}/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'a/b', name: 'n', description: 'd', system_prompt: 's', tools: [], model: 'm', temperature: 0.1, top_p: 1, max_tokens: 10 }),
    });
    expect(created.status).toBe(200);
    const res = await fetch(`${mock.url}/agents/${encodeURIComponent('a/b')}/status`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ agent_id: 'a/b' });
    expect((await fetch(`${mock.url}/agents/a/b/status`)).status).toBe(404);
    expect((await fetch(`${mock.url}/agents/%E0%A4%A/status`)).status).toBe(400);
  });
});

describe('setFault', () => {
  it('overrides the next matching requests, then normal service resumes', async () => {
    const mock = await start({ apiKey: API_KEY });
    let left = 2;
    mock.setFault((req) =>
      req.path === '/agents' && left-- > 0
        ? { status: 503, headers: { 'Retry-After': '1' }, body: { error: 'busy', code: 'UNAVAILABLE' } }
        : undefined,
    );
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${mock.url}/agents`, { headers: auth });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(await res.json()).toEqual({ error: 'busy', code: 'UNAVAILABLE' });
    }
    expect((await fetch(`${mock.url}/agents`, { headers: auth })).status).toBe(200);
    expect(mock.requests.map((r) => r.path)).toEqual(['/agents', '/agents', '/agents']);
  });

  it('sends a raw body, an empty body, or drops the connection', async () => {
    const mock = await start();
    mock.setFault(() => ({ status: 200, rawBody: 'not json' }));
    expect(await (await fetch(`${mock.url}/health`)).text()).toBe('not json');
    mock.setFault(() => ({ status: 429 }));
    const limited = await fetch(`${mock.url}/health`);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe('');
    mock.setFault(() => ({ destroy: true }));
    await expect(fetch(`${mock.url}/health`)).rejects.toThrow();
    mock.setFault();
    expect((await fetch(`${mock.url}/health`)).status).toBe(200);
  });

  it('delays a response (for timeout tests)', async () => {
    const mock = await start();
    mock.setFault(() => ({ delayMs: 150 }));
    const started = Date.now();
    const res = await fetch(`${mock.url}/health`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('close', () => {
  it('does not hang with open keep-alive sockets', async () => {
    const mock = await startMockRuntime();
    const agent = new HttpAgent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${mock.url}/health`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    await fetch(`${mock.url}/health`).then((res) => res.text());
    expect(mock.connections()).toBeGreaterThanOrEqual(2);
    const started = Date.now();
    await mock.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(mock.connections()).toBe(0);
    await mock.close(); // idempotent
    agent.destroy();
  });

  it('does not hang with a request still in flight', async () => {
    const mock = await startMockRuntime();
    mock.setFault(() => ({ delayMs: 60_000 }));
    const pending = fetch(`${mock.url}/health`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await mock.close();
    expect(await pending).toBe('failed');
  });
});
