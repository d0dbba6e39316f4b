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
  it('keeps /health, /health/live and /health/ready public when an API key is set', async () => {
    const mock = await start({ apiKey: API_KEY });
    const res = await fetch(`${mock.url}/health`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ status: 'healthy' });
    for (const path of ['/health/live', '/health/ready']) {
      const probe = await fetch(`${mock.url}${path}`);
      expect(probe.status, path).toBe(200);
      expect(await probe.text()).toBe('');
    }
  });

  it('answers 401 with an empty body and no WWW-Authenticate, as the runtime does', async () => {
    const mock = await start({ apiKey: API_KEY });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: API_KEY }];
    for (const headers of attempts) {
      const res = await fetch(`${mock.url}/agents`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBeNull();
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(await res.text()).toBe('');
    }
    const ok = await fetch(`${mock.url}/agents`, { headers: auth });
    expect(ok.status).toBe(200);
  });

  it('needs no header when no API key is set', async () => {
    const mock = await start();
    expect((await fetch(`${mock.url}/agents`)).status).toBe(200);
  });
});

describe('errors and headers', () => {
  it('sends no x-request-id, the runtime\'s security headers, and a content type only with a body', async () => {
    const mock = await start();
    for (const path of ['/health', '/agents', '/health/live', '/nope']) {
      const res = await fetch(`${mock.url}${path}`);
      expect(res.headers.get('x-request-id'), path).toBeNull();
      expect(res.headers.get('retry-after'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-type'), path).toBe(path.startsWith('/health/') || path === '/nope' ? null : 'application/json');
    }
  });

  it('answers an unknown route 404 (before auth) and a wrong method 405 (after auth), both with empty bodies', async () => {
    const mock = await start({ apiKey: API_KEY });
    for (const path of ['/does-not-exist', '/agents/1b4e28ba-2fa1-4d2b-883f-0016d3cca427/nope', '/secrets/a/b/c/d']) {
      const route = await fetch(`${mock.url}${path}`);
      expect(route.status, path).toBe(404);
      expect(await route.text()).toBe('');
    }
    const anonymous = await fetch(`${mock.url}/agents`, { method: 'PATCH' });
    expect(anonymous.status).toBe(401);
    const method = await fetch(`${mock.url}/agents`, { method: 'PATCH', headers: auth });
    expect(method.status).toBe(405);
    expect(await method.text()).toBe('');
    // A public path's 405 needs no key (the runtime's probes have no auth layer).
    expect((await fetch(`${mock.url}/health`, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers a handler error { error, code, details: null }', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/agents/1b4e28ba-2fa1-4d2b-883f-0016d3cca427/status`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ error: 'Internal error: Agent 1b4e28ba-2fa1-4d2b-883f-0016d3cca427 not found', code: 'AGENT_NOT_FOUND', details: null });
  });

  it('answers the runtime\'s extractor errors in text/plain: bad UUID 400, not JSON 415, bad JSON 400, wrong shape 422', async () => {
    const mock = await start();
    const send = (path: string, init: RequestInit = {}) => fetch(`${mock.url}${path}`, init);
    const cases: [Promise<Response>, number, RegExp][] = [
      [send('/agents/agent-123/status'), 400, /^Invalid URL: /],
      [send('/agents', { method: 'POST', body: '{}' }), 415, /Content-Type: application\/json/],
      [send('/agents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' }), 400, /^Failed to parse the request body as JSON/],
      [send('/agents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dsl": "x"}' }), 422, /missing field `name`/],
      [send('/agents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1]' }), 422, /^Failed to deserialize the JSON body/],
    ];
    for (const [response, status, text] of cases) {
      const res = await response;
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toMatch(text);
    }
    expect(mock.requests.at(2)).toMatchObject({ method: 'POST', path: '/agents', body: undefined });
  });

  it('keeps the Enterprise domains\' own errors: invalid JSON there is 400 INVALID_JSON', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/secrets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_JSON', error: expect.any(String) });
  });

  it('answers HEAD like GET without a body', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('enterprise: false', () => {
  it('serves only the open-source runtime\'s routes: Enterprise ones are 404, or 405 where a runtime path matches', async () => {
    const mock = await start({ enterprise: false, apiKey: API_KEY });
    const expectations: [string, string, number][] = [
      ['GET', '/secrets/1b4e28ba-2fa1-4d2b-883f-0016d3cca427', 404],
      ['GET', '/tool-review/sessions', 404],
      ['GET', '/mcp/servers', 404],
      ['POST', '/knowledge/search', 404],
      ['POST', '/dsl/compile', 404],
      ['GET', '/agents/1b4e28ba-2fa1-4d2b-883f-0016d3cca427/metrics', 404],
      ['POST', '/agents/deploy', 405],
      ['GET', '/agents/deployments', 405],
    ];
    for (const [method, path, status] of expectations) {
      const res = await fetch(`${mock.url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(await res.text()).toBe('');
    }
    expect((await fetch(`${origin(mock)}/.well-known/schemapin.json`)).status).toBe(404);
    expect((await fetch(`${mock.url}/agents`, { headers: auth })).status).toBe(200);
  });
});

describe('readiness', () => {
  it('answers /health/ready 503 with an empty body while readyAfterMs runs, 200 by default', async () => {
    const starting = await start({ readyAfterMs: 600_000 });
    const res = await fetch(`${starting.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('');
    expect((await fetch(`${(await start()).url}/health/ready`)).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('allows rateLimitPerMinute requests per IP, counting /health and preflights, then 429 with an empty body, no Retry-After, no CORS headers', async () => {
    const mock = await start({ rateLimitPerMinute: 3 });
    const preflight = await fetch(`${mock.url}/agents`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(200);
    expect((await fetch(`${mock.url}/health`)).status).toBe(200);
    expect((await fetch(`${mock.url}/agents`)).status).toBe(200);
    const limited = await fetch(`${mock.url}/agents`, { headers: { origin: 'http://localhost:3000' } });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe('');
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('access-control-allow-origin')).toBeNull();
    expect(mock.requests).toHaveLength(4);
  });

  it('is off by default', async () => {
    const mock = await start();
    const statuses = await Promise.all(Array.from({ length: 120 }, () => fetch(`${mock.url}/health`).then((res) => res.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe('CORS', () => {
  it('answers a preflight 200 before auth, allowing only authorization and content-type whatever is asked', async () => {
    const mock = await start({ apiKey: API_KEY });
    const res = await fetch(`${mock.url}/agents`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
    expect(await res.text()).toBe('');
  });

  it('echoes the origin on answers, and sends none without one', async () => {
    const mock = await start();
    const cross = await fetch(`${mock.url}/health`, { headers: { origin: 'http://localhost:3000' } });
    expect(cross.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect((await fetch(`${mock.url}/health`)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('routes an OPTIONS request that is not a preflight: 405 after auth', async () => {
    const mock = await start({ apiKey: API_KEY });
    expect((await fetch(`${mock.url}/agents`, { method: 'OPTIONS' })).status).toBe(401);
    expect((await fetch(`${mock.url}/agents`, { method: 'OPTIONS', headers: auth })).status).toBe(405);
  });
});

describe('request recording', () => {
  it('records method, still-encoded path, query and body in order', async () => {
    const mock = await start();
    await fetch(`${mock.url}/agents/a%2Fb/status?x=1&y=two%20words`);
    await fetch(`${mock.url}/workflows/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k1' },
      body: JSON.stringify({ workflow_id: 'agent wf { }', parameters: {} }),
    });
    await fetch(`${origin(mock)}/.well-known/schemapin.json`);
    expect(mock.requests).toEqual([
      { method: 'GET', path: '/agents/a%2Fb/status', query: { x: '1', y: 'two words' }, body: undefined, headers: expect.any(Object) },
      { method: 'POST', path: '/workflows/execute', query: {}, body: { workflow_id: 'agent wf { }', parameters: {} }, headers: expect.objectContaining({ 'idempotency-key': 'k1' }) },
      { method: 'GET', path: '/.well-known/schemapin.json', query: {}, body: undefined, headers: expect.any(Object) },
    ]);
    mock.clearRequests();
    expect(mock.requests).toEqual([]);
  });

  it('decodes path params after matching the encoded path; UUIDs in any accepted form name the same agent', async () => {
    const mock = await start();
    const agents = (await (await fetch(`${mock.url}/agents`)).json()) as { id: string }[];
    const id = agents[0]!.id;
    for (const form of [id, id.toUpperCase(), id.replaceAll('-', '')]) {
      const res = await fetch(`${mock.url}/agents/${form}/status`);
      expect(res.status, form).toBe(200);
      expect(await res.json()).toMatchObject({ agent_id: id });
    }
    expect((await fetch(`${mock.url}/agents/a%2Fb/status`)).status).toBe(400);
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
    await mock.close(); // a hang fails the test by its timeout
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
