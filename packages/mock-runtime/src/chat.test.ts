// The mock's /ws/chat, driven with a plain `ws` client (raw frames), against the runtime's rules.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMockRuntime } from './start.ts';
import type { MockRuntime } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Frame = Record<string, unknown> & { type: string };

let mock: MockRuntime | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const chatUrl = (m: MockRuntime, query = ''): string => `${m.url.replace(/^http/, 'ws').replace(/\/api\/v1$/, '/ws/chat')}${query}`;

/** Opens a client and queues every frame it receives; `next()` takes them in order. */
async function open(url: string): Promise<{ ws: WebSocket; next(): Promise<Frame>; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  const waiting: ((f: Frame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    const w = waiting.shift();
    if (w) w(frame);
    else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed, next: () => (frames.length ? Promise.resolve(frames.shift() as Frame) : new Promise((r) => waiting.push(r))) };
}

/** The status a refused upgrade answers with. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => {});
  });
}

/** Frames of one answer: up to and including the final chunk, plus what follows before the Pong of a Ping sent after it. */
async function answer(client: Awaited<ReturnType<typeof open>>, content: string): Promise<Frame[]> {
  client.ws.send(JSON.stringify({ type: 'ChatSend', id: 'client-id-1', content }));
  client.ws.send(JSON.stringify({ type: 'Ping' })); // read only after the answer is complete
  const frames: Frame[] = [];
  for (let f = await client.next(); f.type !== 'Pong'; f = await client.next()) frames.push(f);
  return frames;
}

describe('mock runtime /ws/chat', () => {
  it('checks ?token= at the upgrade and records it; Pong on connect; one final chunk with its own UUID request id', async () => {
    mock = await startMockRuntime({ apiKey: 'chat-key' });
    expect(await refusedStatus(chatUrl(mock, '?token=wrong'))).toBe(401);
    expect(await refusedStatus(chatUrl(mock))).toBe(401);
    expect(await refusedStatus(chatUrl(mock, '?token=chat-key').replace('/ws/chat', '/ws/other'))).toBe(404);

    const client = await open(chatUrl(mock, '?token=chat-key'));
    expect(await client.next()).toEqual({ type: 'Pong' });
    const frames = await answer(client, 'hello');
    expect(frames).toEqual([{ type: 'ChatChunk', request_id: expect.stringMatching(UUID), content: 'Mock coordinator, message 1: hello', done: true }]);
    expect(frames[0]?.request_id).not.toBe('client-id-1');
    const second = await answer(client, 'again');
    expect(second[0]?.content).toBe('Mock coordinator, message 2: again'); // the conversation is per socket
    expect(second[0]?.request_id).not.toBe(frames[0]?.request_id);
    expect(mock.requests.filter((r) => r.path === '/ws/chat').map((r) => r.query.token ?? null)).toEqual(['wrong', null, 'chat-key']);
    client.ws.close(1000);
    expect(await client.closed).toBe(1000);
  });

  it('is open without an apiKey, and absent with chat: false', async () => {
    mock = await startMockRuntime();
    const client = await open(chatUrl(mock));
    expect(await client.next()).toEqual({ type: 'Pong' });
    client.ws.close();
    await mock.close();

    mock = await startMockRuntime({ chat: false });
    await expect(open(chatUrl(mock))).rejects.toBeDefined();
  });

  it('sends every event kind in the runtime order, a LOOP_ERROR right after the final chunk, and answers a Ping only after the current message', async () => {
    mock = await startMockRuntime();
    const client = await open(chatUrl(mock));
    await client.next(); // Pong on connect

    const tool = await answer(client, '[tool] how many agents?');
    expect(tool.map((f) => f.type)).toEqual(['ToolCallStarted', 'PolicyDecision', 'ToolCallResult', 'ChatChunk']);
    const id = tool[0]?.request_id;
    expect(tool.every((f) => f.request_id === id)).toBe(true);
    expect(tool[0]).toMatchObject({ tool_name: 'list_agents', arguments: '{}', call_id: tool[2]?.call_id });
    expect(tool[1]).toMatchObject({ decision: 'allow', action: '1 actions', reason: 'All actions approved' });
    expect(tool[2]).toMatchObject({ result: '["coordinator"]', is_error: false });

    const deny = await answer(client, '[deny] delete everything');
    expect(deny.map((f) => f.type)).toEqual(['ToolCallStarted', 'ToolCallStarted', 'PolicyDecision', 'ChatChunk']);
    expect(deny[2]).toMatchObject({ decision: 'partial_deny', reason: '1 denied' });

    const stream = await answer(client, '[stream] [fail] go');
    expect(stream.map((f) => [f.type, f.done ?? f.code])).toEqual([['ChatChunk', false], ['ChatChunk', false], ['ChatChunk', true], ['Error', 'LOOP_ERROR']]);
    expect(`${stream[0]?.content}${stream[1]?.content}`).toBe(stream[2]?.content);
    expect(stream[3]?.request_id).toBe(stream[2]?.request_id);
    client.ws.close();
  });

  it('answers queued messages one at a time in order of arrival', async () => {
    mock = await startMockRuntime();
    const client = await open(chatUrl(mock));
    await client.next();
    for (const content of ['one [tool]', 'two [fail]', 'three']) client.ws.send(JSON.stringify({ type: 'ChatSend', id: 'same', content }));
    client.ws.send(JSON.stringify({ type: 'Ping' }));
    const frames: Frame[] = [];
    for (let f = await client.next(); f.type !== 'Pong'; f = await client.next()) frames.push(f);
    expect(frames.map((f) => f.type)).toEqual(['ToolCallStarted', 'PolicyDecision', 'ToolCallResult', 'ChatChunk', 'ChatChunk', 'Error', 'ChatChunk']);
    const ids = [...new Set(frames.map((f) => f.request_id))];
    expect(ids).toHaveLength(3);
    expect(frames.filter((f) => f.type === 'ChatChunk').map((f) => f.content)).toEqual([
      'Mock coordinator, message 1: one [tool]', 'Mock coordinator, message 2: two [fail]', 'Mock coordinator, message 3: three',
    ]);
    client.ws.close();
  });

  it('answers an unreadable frame with PARSE_ERROR and a null request id, then carries on', async () => {
    mock = await startMockRuntime();
    const client = await open(chatUrl(mock));
    await client.next();
    const parseError = { type: 'Error', request_id: null, code: 'PARSE_ERROR', message: expect.stringMatching(/^Invalid message: /) };
    for (const bad of ['not json', '{"type":"Shout"}', '{"type":"ChatSend","content":"no id"}', '{"type":"ChatSend","id":"x","content":7}', JSON.stringify({ type: 'ChatSend', id: 'x', content: 'lone \ud800' })]) {
      client.ws.send(bad);
      expect(await client.next()).toEqual(parseError);
    }
    expect(await answer(client, 'still here')).toMatchObject([{ type: 'ChatChunk', content: 'Mock coordinator, message 1: still here' }]);
    client.ws.close();
  });

  it('[drop] breaks the connection without a close frame', async () => {
    mock = await startMockRuntime();
    const client = await open(chatUrl(mock));
    await client.next();
    client.ws.send(JSON.stringify({ type: 'ChatSend', id: 'x', content: 'bye [drop]' }));
    expect(await client.closed).toBe(1006);
  });
});
