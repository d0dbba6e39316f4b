// Hooks never see a credential of the request body: the Request they get is a copy whose URL and
// body are redacted, while the server receives the real body (contract, "Errors": no hook argument
// contains any credential value of the request body).
import { registerChannel } from '@symbiont/channels';
import { createContext, type Hooks } from '@symbiont/core';
import { sendMessage } from '@symbiont/messaging';
import { storeSecret } from '@symbiont/secrets';
import { json, startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterEach, beforeEach, expect, it } from 'vitest';

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(() => server.close());

const AGENT = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427';

/** A context whose three hooks record the URL, headers and body text of every Request they get. */
function recording(retries = 0) {
  const seen: string[] = [];
  const record = async (request: Request) => {
    seen.push(`${request.url} ${JSON.stringify([...request.headers])} ${await request.text()}`);
  };
  const hooks: Hooks = {
    beforeRequest: (request) => record(request),
    afterResponse: (request) => record(request),
    beforeRetry: ({ request }) => record(request),
  };
  return { seen, ctx: createContext({ baseUrl: server.url, maxRetries: retries, validateResponses: false, hooks }) };
}

it('registerChannel: no hook sees a config string; the server gets them', async () => {
  const { seen, ctx } = recording();
  const config = { bot_token: 'xoxb-bot-token-1234', signing_secret: 'sign-secret-5678', nested: { webhook_url: 'https://hooks.example/T0/B0/abcd' } };
  await registerChannel(ctx, { name: 'ops', platform: 'slack', config });
  expect(seen).toHaveLength(2);
  for (const text of seen) {
    for (const secret of ['xoxb-bot-token-1234', 'sign-secret-5678', 'https://hooks.example/T0/B0/abcd']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('"name":"ops"');
  }
  expect(JSON.parse(server.requests[0]!.text)).toEqual({ name: 'ops', platform: 'slack', config });
});

it('sendMessage: no hook sees agentpin_jwt; the server gets it', async () => {
  const { seen, ctx } = recording();
  const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl';
  await sendMessage(ctx, AGENT, { sender: AGENT, payload: 'hello', agentpin_jwt: jwt });
  expect(seen).toHaveLength(2);
  for (const text of seen) {
    expect(text).not.toContain(jwt);
    expect(text).toContain('hello');
  }
  expect(JSON.parse(server.requests[0]!.text).agentpin_jwt).toBe(jwt);
});

it('storeSecret, retried: no hook (beforeRetry included) sees secret_value; every attempt sends it', async () => {
  let calls = 0;
  server.handle((_, res) => (calls++ == 0 ? json(res, 503, {}) : json(res, 200, { secret_name: 'db', agent_id: AGENT, created_at: '2024-06-01T12:00:00Z' })));
  const { seen, ctx } = recording(1);
  await storeSecret(ctx, { agent_id: AGENT, secret_name: 'db', secret_value: 'p@ss-w0rd-"quoted"' }, { retry: true });
  expect(seen).toHaveLength(4); // beforeRequest, afterResponse (503), beforeRetry, afterResponse (200)
  for (const text of seen) {
    expect(text).not.toContain('p@ss-w0rd');
    expect(text).toContain('"secret_name":"db"');
  }
  expect(server.requests.map((r) => JSON.parse(r.text).secret_value)).toEqual(['p@ss-w0rd-"quoted"', 'p@ss-w0rd-"quoted"']);
});

it('headers beforeRequest sets on its copy are sent with the real body, and seen by later hooks', async () => {
  const seen: (string | null)[] = [];
  const ctx = createContext({
    baseUrl: server.url,
    maxRetries: 0,
    validateResponses: false,
    hooks: {
      beforeRequest: (request) => {
        request.headers.set('x-trace', 'trace-1');
      },
      afterResponse: (request) => {
        seen.push(request.headers.get('x-trace'));
      },
    },
  });
  await storeSecret(ctx, { agent_id: AGENT, secret_name: 'db', secret_value: 'p@ss-w0rd' });
  expect(server.requests[0]!.headers['x-trace']).toBe('trace-1');
  expect(JSON.parse(server.requests[0]!.text).secret_value).toBe('p@ss-w0rd');
  expect(seen).toEqual(['trace-1']);
});

it('a Request returned by beforeRequest is the one sent (and the one later hooks see)', async () => {
  const seen: string[] = [];
  const ctx = createContext({
    baseUrl: server.url,
    maxRetries: 0,
    validateResponses: false,
    hooks: {
      beforeRequest: (request) => new Request(request, { headers: { 'x-extra': 'yes', 'content-type': 'application/json' }, body: '{"replaced":true}' }),
      afterResponse: async (request) => {
        seen.push(await request.text());
      },
    },
  });
  await storeSecret(ctx, { agent_id: AGENT, secret_name: 'db', secret_value: 'p@ss-w0rd' });
  expect(server.requests[0]!.text).toBe('{"replaced":true}');
  expect(server.requests[0]!.headers['x-extra']).toBe('yes');
  expect(seen).toEqual(['{"replaced":true}']);
});
