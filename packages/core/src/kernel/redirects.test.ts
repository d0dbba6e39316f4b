import { catchError, json, startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../createContext.ts';
import { APIError } from '../errors.ts';
import { createNodeTransport } from '../node.ts';
import { request } from '../request.ts';
import { MAX_REDIRECTS } from './redirects.ts';

let server: ScriptedServer;
let other: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
  other = await startScriptedServer((_, res) => json(res, 200, { stolen: true }));
});
afterEach(async () => {
  await server.close();
  await other.close();
});
const transport = createNodeTransport();
afterAll(() => transport.close());

const SECRET = 'sv-redirected-secret';

describe.each([
  ['the global fetch', undefined],
  ['createNodeTransport', transport.fetch],
] as const)('redirects under %s', (_, fetch) => {
  const ctx = () => createContext({ baseUrl: `${server.url}/api/v1`, apiKey: 'sk-redirect-key', headers: { 'x-api-key': 'xk-redirect-key' }, maxRetries: 0, fetch });

  it.each([301, 302, 303, 307, 308])('a %i to another origin is not followed: nothing reaches it', async (status) => {
    server.handle((_, res) => { res.writeHead(status, { location: `${other.url}/collect?x=1` }); res.end(); });
    const error = await catchError(request(ctx(), { method: 'POST', path: '/secrets', body: { secret_value: SECRET } }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`redirect to ${other.url} not followed`);
    expect(error.message).not.toContain('collect');
    expect(error.headers.location).toBe(other.url);
    expect(other.requests).toHaveLength(0);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('a 307 on a POST within the origin is followed with the same body and credentials', async () => {
    server.handle((req, res) => {
      if (req.url.endsWith('/old')) { res.writeHead(307, { location: '/api/v1/new' }); res.end(); } else json(res, 200, { got: req.body });
    });
    expect(await request(ctx(), { method: 'POST', path: '/old', body: { a: 1 } })).toEqual({ got: { a: 1 } });
    const [first, second] = server.requests;
    expect(second!.method).toBe('POST');
    expect(second!.headers.authorization).toBe('Bearer sk-redirect-key');
    expect(second!.headers['x-api-key']).toBe('xk-redirect-key');
    expect(first!.text).toBe(second!.text);
  });

  it('a 303 within the origin continues as a GET without a body', async () => {
    server.handle((req, res) => {
      if (req.url.endsWith('/old')) { res.writeHead(303, { location: `${server.url}/api/v1/new` }); res.end(); } else json(res, 200, { method: req.method, text: req.text });
    });
    expect(await request(ctx(), { method: 'POST', path: '/old', body: { a: 1 } })).toEqual({ method: 'GET', text: '' });
    expect(server.requests[1]!.headers['content-type']).toBeUndefined();
  });

  it(`at most ${MAX_REDIRECTS} same-origin redirects are followed`, async () => {
    server.handle((req, res) => { res.writeHead(302, { location: `${req.url}x` }); res.end(); });
    const error = await catchError(request(ctx(), { method: 'GET', path: '/loop' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(302);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });
});
