import { agentIds, type RawAnswer, rawCall, useMockRuntime } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';

let alice: string;
let bob: string;
const API_KEY = 'messaging-key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STRANGER = '00000000-0000-4000-8000-00000000abcd';

const runtime = useMockRuntime({
  ...{ apiKey: API_KEY },
  setup: async ({ mock }) => {
    [alice, bob] = (await agentIds(mock.url, API_KEY, 2)) as [string, string];
  },
});
afterEach(() => {
  vi.useRealTimers();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> =>
  rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body), headers: { accept: 'application/json', ...headers }, parse: 'by-type' });

const send = (to: string, body: Record<string, unknown>) => call('POST', `/agents/${to}/messages`, body);
const inbox = async (of: string) => (await call('GET', `/agents/${of}/messages`)).body.messages as any[];
const statusOf = async (id: string) => (await call('GET', `/messages/${id}/status`)).body.status as string;
/** Moves the clock `ms` ahead for the mock (it reads `Date`), without faking timers. */
const advance = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
};

describe('send, receive, status', () => {
  it('queues a direct message, hands it over once, and reports it delivered', async () => {
    const before = Math.floor(Date.now() / 1000);
    const sent = await send(bob, { sender: alice, payload: 'hello bob' });
    expect(sent).toMatchObject({ status: 200, body: { message_id: expect.stringMatching(UUID), status: 'pending' } });
    const id = sent.body.message_id as string;
    expect(await statusOf(id)).toBe('delivered');

    const read = await call('GET', `/agents/${bob}/messages`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      messages: [{
        message_id: id, sender: alice, recipient: bob, topic: null, payload: 'hello bob',
        message_type: 'direct', timestamp_secs: expect.any(Number), ttl_seconds: 300,
      }],
    });
    expect(read.body.messages[0].timestamp_secs).toBeGreaterThanOrEqual(before);
    expect(read.body.messages[0].timestamp_secs).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // Consumed on read; the status stays delivered.
    expect(await inbox(bob)).toEqual([]);
    expect(await statusOf(id)).toBe('delivered');
    expect(await inbox(alice)).toEqual([]);
  });

  it('keeps each inbox in sending order', async () => {
    for (const payload of ['one', 'two', 'three']) await send(alice, { sender: bob, payload });
    await send(bob, { sender: alice, payload: 'for bob' });
    expect((await inbox(alice)).map((m) => m.payload)).toEqual(['one', 'two', 'three']);
    expect((await inbox(bob)).map((m) => m.payload)).toEqual(['for bob']);
  });

  it('caps ttl_seconds at the configured 3600 and lifts 0 to 1; null means the default', async () => {
    await send(alice, { sender: bob, payload: 'a', ttl_seconds: 999_999 });
    await send(alice, { sender: bob, payload: 'b', ttl_seconds: 0 });
    await send(alice, { sender: bob, payload: 'c', ttl_seconds: null, topic: null, agentpin_jwt: null });
    expect((await inbox(alice)).map((m) => m.ttl_seconds)).toEqual([3600, 1, 300]);
  });

  it('accepts the sender and recipient in the 32-digit form and writes them hyphenated', async () => {
    await send(alice.replaceAll('-', '').toUpperCase(), { sender: bob.replaceAll('-', ''), payload: 'compact' });
    expect(await inbox(alice)).toMatchObject([{ sender: bob, recipient: alice }]);
  });

  it('expires a message left unread past its TTL: out of the inbox, status failed', async () => {
    const short = (await send(alice, { sender: bob, payload: 'short', ttl_seconds: 1 })).body.message_id as string;
    const long = (await send(alice, { sender: bob, payload: 'long', ttl_seconds: 60 })).body.message_id as string;
    advance(1_500);
    expect((await inbox(alice)).map((m) => m.payload)).toEqual(['long']);
    expect(await statusOf(short)).toBe('failed');
    expect(await statusOf(long)).toBe('delivered');
  });

  it('forgets a status two configured TTLs after sending', async () => {
    const id = (await send(alice, { sender: bob, payload: 'old' })).body.message_id as string;
    advance(7_200_000);
    expect((await call('GET', `/messages/${id}/status`)).status).toBe(404);
  });

  it('accepts a message for a UUID not on the bus, but it fails', async () => {
    const sent = await send(STRANGER, { sender: alice, payload: 'anyone?' });
    expect(sent.body).toMatchObject({ status: 'pending' });
    expect(await statusOf(sent.body.message_id)).toBe('failed');
  });

  it('publishes a topic message to the subscribers, of which no route makes any', async () => {
    const sent = await send(bob, { sender: alice, payload: 'news', topic: 'updates' });
    expect(sent).toMatchObject({ status: 200, body: { message_id: expect.stringMatching(UUID), status: 'pending' } });
    expect(await inbox(bob)).toEqual([]);
    expect((await call('GET', `/messages/${sent.body.message_id}/status`)).body).toMatchObject({ code: 'MESSAGE_STATUS_FAILED' });
  });

  it('accepts an AgentPin JWT (verification off, as on `symbi up`)', async () => {
    expect((await send(bob, { sender: alice, payload: 'signed', agentpin_jwt: 'eyJ.jwt.sig' })).status).toBe(200);
    expect((await inbox(bob)).map((m) => m.payload)).toEqual(['signed']);
  });
});

describe('errors, as the runtime answers them', () => {
  it('receiving for an agent not on the bus: 404 AGENT_NOT_FOUND', async () => {
    const res = await call('GET', `/agents/${STRANGER}/messages`);
    expect(res).toMatchObject({ status: 404, type: 'application/json', body: { code: 'AGENT_NOT_FOUND', details: null, error: expect.any(String) } });
  });

  it.each([['GET'], ['POST']])('%s with a non-UUID agent id: 400 text/plain', async (method) => {
    const res = await call(method, '/agents/agent-123/messages', method == 'POST' ? { sender: alice, payload: 'x' } : undefined);
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^Invalid URL/);
  });

  it('status of a non-UUID id: 400 INVALID_MESSAGE_ID; of an unknown one: 404 MESSAGE_STATUS_FAILED (both JSON)', async () => {
    expect(await call('GET', '/messages/not-a-uuid/status')).toMatchObject({ status: 400, type: 'application/json', body: { code: 'INVALID_MESSAGE_ID', details: null } });
    expect(await call('GET', `/messages/${STRANGER}/status`)).toMatchObject({ status: 404, type: 'application/json', body: { code: 'MESSAGE_STATUS_FAILED', details: null } });
  });

  it('a body over 256 KiB: 413 text/plain; exactly 256 KiB is accepted', async () => {
    const frame = JSON.stringify({ sender: alice, payload: '' });
    const exact = JSON.stringify({ sender: alice, payload: 'x'.repeat(256 * 1024 - frame.length) });
    expect(Buffer.byteLength(exact)).toBe(256 * 1024);
    expect((await send(bob, JSON.parse(exact))).status).toBe(200);
    const over = await send(bob, { sender: alice, payload: 'é'.repeat(128 * 1024) });
    expect(over.status).toBe(413);
    expect(over.type).toMatch(/^text\/plain/);
    expect((await inbox(bob)).map((m) => m.payload.length)).toEqual([256 * 1024 - frame.length]);
  });

  it.each<[string, unknown]>([
    ['no sender', { payload: 'x' }],
    ['no payload', { sender: '00000000-0000-4000-8000-000000000001' }],
    ['a sender that is not a UUID', { sender: 'agent-123', payload: 'x' }],
    ['a payload that is not a string', { sender: '00000000-0000-4000-8000-000000000001', payload: { a: 1 } }],
    ['a negative ttl', { sender: '00000000-0000-4000-8000-000000000001', payload: 'x', ttl_seconds: -1 }],
    ['an array', []],
  ])('%s: 422 text/plain', async (_, body) => {
    const res = await send(bob, body as Record<string, unknown>);
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/^text\/plain/);
  });

  it('a body without a JSON content type: 415 text/plain', async () => {
    const res = await call('POST', `/agents/${bob}/messages`, JSON.stringify({ sender: alice, payload: 'x' }), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.type).toMatch(/^text\/plain/);
  });

  it('requires the API key', async () => {
    const res = await fetch(`${runtime.mock.url}/agents/${bob}/messages`);
    expect(res.status).toBe(401);
  });
});
