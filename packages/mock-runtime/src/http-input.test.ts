/**
 * The mock HTTP Input listener, spoken to with plain fetch: auth, signature, limits, routes and
 * both result shapes, in the runtime's order and with its empty bodies.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_AGENT_ID, WEBHOOK_MAX_BODY_BYTES } from './http-input.ts';
import { startMockRuntime } from './start.ts';
import type { MockRuntime } from './types.ts';

const API_KEY = 'listener-key';
const SECRET = 'listener-secret';
let mock: MockRuntime;
let signed: MockRuntime;

beforeAll(async () => {
  [mock, signed] = await Promise.all([startMockRuntime({ apiKey: API_KEY }), startMockRuntime({ apiKey: API_KEY, webhookSecret: SECRET })]);
});
afterAll(async () => {
  await Promise.all([mock.close(), signed.close()]);
});
beforeEach(() => {
  mock.clearRequests();
  mock.setFault();
});

const sign = (body: string | Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST') {
  const response = await fetch(url, { method, body: method == 'GET' ? undefined : typeof body == 'string' ? body : new Uint8Array(body), headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers } });
  const text = await response.text();
  return { status: response.status, text, type: response.headers.get('content-type'), json: () => JSON.parse(text) };
}

const RFC3339_NANOS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+00:00$/;

describe('the listener', () => {
  it('listens on its own port at /webhook', () => {
    expect(mock.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    expect(new URL(mock.webhookUrl).port).not.toBe(new URL(mock.url).port);
  });

  it('answers completed with a reply to prompt, else message, and records the request', async () => {
    const reply = await post(mock.webhookUrl, JSON.stringify({ prompt: 'status?', x: 1 }));
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body).toMatchObject({
      status: 'completed', agent_id: DEFAULT_WEBHOOK_AGENT_ID, response: 'Mock agent reply to: status?', tool_runs: [],
      termination_reason: 'Completed', iterations: 1, model: 'mock-model', provider: 'mock',
    });
    expect(body.timestamp).toMatch(RFC3339_NANOS);
    expect(Number.isInteger(body.latency_ms)).toBe(true);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'POST', path: '/webhook', body: { prompt: 'status?', x: 1 } });
    expect((await post(mock.webhookUrl, JSON.stringify({ message: 'hi' }))).json().response).toBe('Mock agent reply to: hi');
  });

  it('routes /webhook/<agent> to a stable agent per name', async () => {
    const a = (await post(`${mock.webhookUrl}/triage`, '{"prompt":"a"}')).json().agent_id;
    const b = (await post(`${mock.webhookUrl}/triage`, '{"prompt":"b"}')).json().agent_id;
    const c = (await post(`${mock.webhookUrl}/billing`, '{"prompt":"c"}')).json().agent_id;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).not.toBe(DEFAULT_WEBHOOK_AGENT_ID);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(mock.requests.at(-1)!.path).toBe('/webhook/billing');
  });

  it('answers execution_started when mock_result asks for it', async () => {
    const body = (await post(mock.webhookUrl, '{"prompt":"x","mock_result":"execution_started"}')).json();
    expect(Object.keys(body).sort()).toEqual(['agent_id', 'latency_ms', 'message_id', 'status', 'timestamp']);
    expect(body.status).toBe('execution_started');
    expect(body.timestamp).toMatch(RFC3339_NANOS);
  });

  it('an agent failure is 500 { error, timestamp }', async () => {
    const reply = await post(mock.webhookUrl, '{"mock_result":"agent_failure"}');
    expect(reply.status).toBe(500);
    expect(reply.type).toBe('application/json');
    const body = reply.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'timestamp']);
    expect(body.error).toBe('Internal server error');
  });

  it('any JSON value is accepted, as the runtime does', async () => {
    const reply = await post(mock.webhookUrl, '["a", 1]');
    expect(reply.status).toBe(200);
    expect(reply.json().response).toContain('Execute the following task');
  });
});

describe('errors, in the runtime order and with its bodies', () => {
  it('a path outside /webhook is 404 empty, before auth', async () => {
    for (const path of ['/hooks', '/webhook/', '/webhookx']) {
      const reply = await post(mock.webhookUrl.replace('/webhook', path), '{}', { authorization: '' });
      expect([reply.status, reply.text]).toEqual([404, '']);
    }
  });

  it.each([
    ['no header', undefined],
    ['another token', `Bearer nope`],
    ['another scheme case', `bearer ${API_KEY}`],
    ['extra whitespace', `Bearer  ${API_KEY}`],
    ['the bare token', API_KEY],
  ])('auth: %s is 401 empty', async (_, authorization) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const response = await fetch(mock.webhookUrl, { method: 'POST', body: '{}', headers });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('another method is 405 empty, after auth', async () => {
    expect((await post(mock.webhookUrl, '', {}, 'GET'))).toMatchObject({ status: 405, text: '' });
    expect((await post(mock.webhookUrl, '', { authorization: 'x' }, 'GET')).status).toBe(401);
  });

  it('a body over 1 MiB is 413 text/plain; exactly 1 MiB is read', async () => {
    const over = await post(mock.webhookUrl, Buffer.alloc(WEBHOOK_MAX_BODY_BYTES + 1, 0x20));
    expect(over).toMatchObject({ status: 413, text: 'Failed to buffer the request body: length limit exceeded' });
    expect(over.type).toMatch(/^text\/plain/);
    const exact = Buffer.alloc(WEBHOOK_MAX_BODY_BYTES, 0x20);
    exact.write('{"prompt":"big"}');
    expect((await post(mock.webhookUrl, exact)).status).toBe(200);
  });

  it('bad JSON (or bad UTF-8) is 400 empty', async () => {
    expect(await post(mock.webhookUrl, '{"prompt":')).toMatchObject({ status: 400, text: '' });
    expect(await post(mock.webhookUrl, '')).toMatchObject({ status: 400, text: '' });
    expect(await post(mock.webhookUrl, Buffer.from([0x22, 0xff, 0x22]))).toMatchObject({ status: 400, text: '' });
  });

  it('the 11th concurrent call is 429 empty; slots free up after', async () => {
    const held = Array.from({ length: 10 }, () => post(mock.webhookUrl, '{"prompt":"hold","mock_delay_ms":4000}'));
    while (mock.requests.length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await post(mock.webhookUrl, '{"prompt":"more"}')).toMatchObject({ status: 429, text: '' });
    expect((await Promise.all(held)).map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect((await post(mock.webhookUrl, '{"prompt":"again"}')).status).toBe(200);
  });

  it('faults set with setFault apply to the listener too', async () => {
    mock.setFault((request) => (request.path.startsWith('/webhook') ? { status: 503, body: { error: 'busy' } } : undefined));
    expect(await post(mock.webhookUrl, '{}')).toMatchObject({ status: 503, text: '{"error":"busy"}' });
  });
});

describe('with webhookSecret', () => {
  const body = JSON.stringify({ prompt: 'signed ✓' });

  it('a valid X-Hub-Signature-256 over the raw bytes passes (hex in either case)', async () => {
    expect((await post(signed.webhookUrl, body, { 'x-hub-signature-256': sign(body) })).status).toBe(200);
    expect((await post(signed.webhookUrl, body, { 'x-hub-signature-256': `sha256=${sign(body).slice(7).toUpperCase()}` })).status).toBe(200);
  });

  it.each([
    ['missing', undefined],
    ['over other bytes', sign(`${body} `)],
    ['with another secret', sign(body, 'other')],
    ['without the sha256= prefix', sign(body).slice(7)],
    ['not hex', 'sha256=zz'],
    ['truncated', sign(body).slice(0, -2)],
  ])('a signature %s is 401 empty', async (_, signature) => {
    const reply = await post(signed.webhookUrl, body, signature === undefined ? {} : { 'x-hub-signature-256': signature });
    expect([reply.status, reply.text]).toEqual([401, '']);
  });

  it('without webhookSecret the header is ignored', async () => {
    expect((await post(mock.webhookUrl, body, { 'x-hub-signature-256': 'sha256=00' })).status).toBe(200);
  });
});

describe('CORS, as the runtime configures it', () => {
  it('answers a preflight before auth, allowing POST with authorization and content-type only', async () => {
    const response = await fetch(mock.webhookUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-hub-signature-256' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });

  it('echoes the origin on answers', async () => {
    const reply = await fetch(mock.webhookUrl, { method: 'POST', body: '{}', headers: { origin: 'http://localhost:3000', authorization: `Bearer ${API_KEY}` } });
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

it('close() does not wait for a held call', async () => {
  const own = await startMockRuntime();
  const pending = fetch(own.webhookUrl, { method: 'POST', body: '{"mock_delay_ms":30000}' }).then(() => 'answered', () => 'dropped');
  while (own.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  await own.close();
  expect(await pending).toBe('dropped');
});
