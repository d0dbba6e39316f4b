// connectChat and ChatSession against the mock runtime's /ws/chat, on real loopback sockets.
import { createServer, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { AuthenticationError, ConnectionError, createContext, SymbiontError, TimeoutError, ValidationError } from '@symbiont/core';
import { type MockRuntime, startMockRuntime } from '@symbiont/mock-runtime';
import { catchError, collectEvents, freePort } from '@symbiont/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatError, type ChatEvent, type ChatSession, connectChat } from './index.ts';

const KEY = 'chat-test-key-7f3a9c';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let mock: MockRuntime | undefined;
let session: ChatSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
  await mock?.close();
  mock = undefined;
});

async function connect(options: { apiKey?: string; logger?: (line: string) => void } = {}): Promise<ChatSession> {
  mock ??= await startMockRuntime({ apiKey: KEY });
  const ctx = createContext({ baseUrl: mock.url, apiKey: options.apiKey ?? KEY, maxRetries: 0, debug: options.logger !== undefined, logger: options.logger });
  session = await connectChat(ctx);
  return session;
}

describe('connectChat', () => {
  it('opens ws://host:port/ws/chat?token=<key> (outside /api/v1) and resolves once open', async () => {
    const chat = await connect();
    expect(chat.isOpen).toBe(true);
    const port = new URL(mock!.url).port;
    expect(chat.url).toBe(`ws://127.0.0.1:${port}/ws/chat`);
    const upgrade = mock!.requests.filter((r) => r.path === '/ws/chat');
    expect(upgrade).toHaveLength(1);
    expect(upgrade[0]).toMatchObject({ method: 'GET', query: { token: KEY } });
    expect(upgrade[0]?.headers.upgrade?.toLowerCase()).toBe('websocket');
  });

  it('refuses what is not a context or not an option before opening anything', async () => {
    expect(await catchError(connectChat(undefined as never))).toBeInstanceOf(ValidationError);
    expect((await catchError(connectChat({ apiKey: KEY } as never))).issues[0].path).toBe('ctx');
    const ctx = createContext({ baseUrl: 'http://127.0.0.1:9/api/v1' });
    expect((await catchError(connectChat(ctx, { timeout: -1 }))).issues[0].path).toBe('options.timeout');
  });

  it('rejects a refused token with an AuthenticationError, telling it apart with one GET /agents', async () => {
    mock = await startMockRuntime({ apiKey: KEY });
    const ctx = createContext({ baseUrl: mock.url, apiKey: 'wrong-key-1234', maxRetries: 0 });
    const error = await catchError(connectChat(ctx));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.operation).toBe('connectChat');
    expect(error.message).toContain('/ws/chat');
    // Node's WebSocket (undici) may try the refused upgrade twice; then one GET /agents with the same key.
    const seen = mock.requests.map((r) => `${r.method} ${r.path}`);
    expect(seen.at(-1)).toBe('GET /agents');
    expect(new Set(seen.slice(0, -1))).toEqual(new Set(['GET /ws/chat']));
    expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer wrong-key-1234');
    // No key at all is refused the same way.
    expect(await catchError(connectChat(createContext({ baseUrl: mock.url, maxRetries: 0 })))).toBeInstanceOf(AuthenticationError);
  });

  it('rejects an unreachable host with a ConnectionError', async () => {
    const ctx = createContext({ baseUrl: `http://127.0.0.1:${await freePort()}/api/v1`, apiKey: KEY, maxRetries: 0 });
    const error = await catchError(connectChat(ctx));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(error.cause).toBeInstanceOf(ConnectionError); // the GET /agents that could not be made either
  });

  it('rejects with a ConnectionError when the runtime accepts the key but serves no chat socket', async () => {
    mock = await startMockRuntime({ apiKey: KEY, chat: false });
    const error = await catchError(connectChat(createContext({ baseUrl: mock.url, apiKey: KEY, maxRetries: 0 })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/does not serve the chat socket/);
  });

  describe('abort and timeout while opening', () => {
    let silent: Server | undefined;
    const held = new Set<Socket>();
    afterEach(() => new Promise<void>((resolve) => {
      for (const socket of held) socket.destroy();
      if (silent) silent.close(() => resolve());
      else resolve();
    }));
    /** A TCP server that accepts connections and never answers: the upgrade hangs. */
    async function silentUrl(): Promise<string> {
      silent = createServer((socket) => void held.add(socket));
      await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(silent.address() as { port: number }).port}/api/v1`;
    }

    it('rejects with the signal reason, before and during the upgrade', async () => {
      const ctx = createContext({ baseUrl: await silentUrl(), apiKey: KEY });
      const reason = new Error('user left');
      expect(await catchError(connectChat(ctx, { signal: AbortSignal.abort(reason) }))).toBe(reason);
      const controller = new AbortController();
      const opening = connectChat(ctx, { signal: controller.signal });
      controller.abort(reason);
      expect(await catchError(opening)).toBe(reason);
      const plain = new AbortController();
      const opening2 = connectChat(ctx, { signal: plain.signal });
      plain.abort();
      expect((await catchError(opening2)).name).toBe('AbortError');
    });

    it('rejects with a TimeoutError when the upgrade does not complete in time', async () => {
      const ctx = createContext({ baseUrl: await silentUrl(), apiKey: KEY });
      const error = await catchError(connectChat(ctx, { timeout: 300 }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.kind).toBe('attempt');
    });
  });
});

describe('ChatSession.send', () => {
  it('yields every event kind as on the wire, in order, never a Pong, and ends after the final chunk', async () => {
    const chat = await connect();
    const tool = await collectEvents(chat.send('[tool] how many agents?'));
    expect(tool.error).toBeUndefined();
    expect(tool.events.map((e) => e.type)).toEqual(['ToolCallStarted', 'PolicyDecision', 'ToolCallResult', 'ChatChunk']);
    const [started, policy, result, chunk] = tool.events;
    expect(started).toEqual({ type: 'ToolCallStarted', request_id: expect.stringMatching(UUID), call_id: expect.any(String), tool_name: 'list_agents', arguments: '{}' });
    expect(policy).toEqual({ type: 'PolicyDecision', request_id: started?.request_id, action: '1 actions', decision: 'allow', reason: 'All actions approved' });
    expect(result).toMatchObject({ type: 'ToolCallResult', call_id: (started as { call_id: string }).call_id, result: '["coordinator"]', is_error: false });
    expect(chunk).toEqual({ type: 'ChatChunk', request_id: started?.request_id, content: 'Mock coordinator, message 1: [tool] how many agents?', done: true });

    const deny = await collectEvents(chat.send('[deny] delete everything'));
    expect(deny.events.map((e) => e.type)).toEqual(['ToolCallStarted', 'ToolCallStarted', 'PolicyDecision', 'ChatChunk']);
    expect(deny.events[2]).toMatchObject({ decision: 'partial_deny', reason: '1 denied' });

    const stream = await collectEvents(chat.send('[stream] tell me slowly'));
    expect(stream.events.map((e) => [e.type, (e as { done: boolean }).done])).toEqual([['ChatChunk', false], ['ChatChunk', false], ['ChatChunk', true]]);

    // The client's own ids are not the runtime's: each answer carries the runtime's UUID.
    const sent = mock!.requests.length; // (frames are not recorded; the request ids are distinct)
    expect(new Set([tool, deny, stream].map((a) => a.events[0]?.request_id)).size).toBe(3);
    expect(mock!.requests.length).toBe(sent);
  });

  it('binds answers to sends in send order, whichever answer is read first', async () => {
    const chat = await connect();
    const first = chat.send('one [tool]');
    const second = chat.send('two [fail]');
    const third = chat.send('three');
    const c = await collectEvents(third); // read last-sent first: the session keeps the others
    const b = await collectEvents(second);
    const a = await collectEvents(first);
    expect(a.events.at(-1)).toMatchObject({ content: 'Mock coordinator, message 1: one [tool]', done: true });
    expect(a.events).toHaveLength(4);
    expect(b.events).toEqual([expect.objectContaining({ content: 'Mock coordinator, message 2: two [fail]' })]);
    expect(b.error).toBeInstanceOf(ChatError);
    expect(c.events).toEqual([expect.objectContaining({ content: 'Mock coordinator, message 3: three', done: true })]);
    expect(c.error).toBeUndefined();
  });

  it('yields the final chunk, then throws a ChatError for the LOOP_ERROR that follows it; the session carries on', async () => {
    const chat = await connect();
    const answer = chat.send('please [fail]');
    const first = await answer.next();
    expect(first).toEqual({ done: false, value: expect.objectContaining({ type: 'ChatChunk', done: true }) });
    const error = await catchError(answer.next());
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toBeInstanceOf(SymbiontError);
    expect(error.name).toBe('ChatError');
    expect(error.code).toBe('LOOP_ERROR');
    expect(error.requestId).toBe((first.value as { request_id: string }).request_id);
    expect(error.message).toMatch(/reasoning loop failed/);
    expect(await answer.next()).toEqual({ done: true, value: undefined });
    expect((await collectEvents(chat.send('and now?'))).events).toEqual([expect.objectContaining({ content: 'Mock coordinator, message 2: and now?' })]);
  });

  it('refuses content that is not a well-formed string with a ValidationError, sending nothing', async () => {
    const chat = await connect();
    for (const bad of [42, null, 'lone \ud800 surrogate']) {
      const error = await catchError(chat.send(bad as string).next());
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('content');
    }
    const badSignal = await catchError(chat.send('x', { signal: {} as AbortSignal }).next());
    expect(badSignal).toBeInstanceOf(ValidationError);
    expect(badSignal.issues[0].path).toBe('options.signal');
    expect((await collectEvents(chat.send('fine'))).events[0]).toMatchObject({ content: 'Mock coordinator, message 1: fine' });
  });

  it('a send signal or a break drops that answer only; later sends still get their own', async () => {
    const chat = await connect();
    const controller = new AbortController();
    const reason = new Error('not interested');
    const dropped = chat.send('first [tool]', { signal: controller.signal });
    controller.abort(reason);
    expect(await catchError(dropped.next())).toBe(reason);
    for await (const event of chat.send('second [tool]')) {
      expect(event.type).toBe('ToolCallStarted');
      break; // leaves the rest of this answer unread
    }
    expect(await catchError(chat.send('x', { signal: AbortSignal.abort(reason) }).next())).toBe(reason);
    const third = await collectEvents(chat.send('third'));
    expect(third.events).toEqual([expect.objectContaining({ content: 'Mock coordinator, message 3: third', done: true })]);
  });

  it('the connect signal ends the session: the socket closes and pending answers reject with its reason', async () => {
    mock = await startMockRuntime({ apiKey: KEY });
    const controller = new AbortController();
    const chat = await connectChat(createContext({ baseUrl: mock.url, apiKey: KEY }), { signal: controller.signal });
    const answer = chat.send('[tool] not answered yet when the signal fires');
    const reason = new Error('page closed');
    controller.abort(reason);
    expect(await catchError(answer.next())).toBe(reason);
    expect(chat.isOpen).toBe(false);
  });

  it('a socket that drops ends every pending answer with a ConnectionError, and later sends too', async () => {
    const chat = await connect();
    const dropping = chat.send('[drop]');
    const queued = chat.send('never read by the runtime');
    expect(await catchError(dropping.next())).toBeInstanceOf(ConnectionError);
    expect(await catchError(queued.next())).toBeInstanceOf(ConnectionError);
    expect(chat.isOpen).toBe(false);
    expect(await catchError(chat.send('after').next())).toBeInstanceOf(ConnectionError);
  });

  it('close() ends pending answers with a ConnectionError and resolves once closed', async () => {
    const chat = await connect();
    const pending = chat.send('[tool] slow enough');
    await chat.close();
    expect(chat.isOpen).toBe(false);
    const result = await collectEvents(pending);
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(await catchError(chat.send('again').next())).toBeInstanceOf(ConnectionError);
    await chat.close(); // idempotent
  });
});

describe('the token never shows', () => {
  it('not in errors, causes, log lines, inspect or JSON of a session', async () => {
    const lines: string[] = [];
    const logger = (line: string): void => void lines.push(line);
    const chat = await connect({ logger });
    const shown: string[] = [inspect(chat, { showHidden: true, depth: 10 }), JSON.stringify(chat), String(chat)];
    const loop = await collectEvents(chat.send('[fail]'));
    const refusedMock = mock!;
    const refused = await catchError(connectChat(createContext({ baseUrl: refusedMock.url, apiKey: `${KEY}-other`, maxRetries: 0, debug: true, logger })));
    const dropped = await collectEvents(chat.send('[drop]'));
    const unreachable = await catchError(connectChat(createContext({ baseUrl: `http://127.0.0.1:${await freePort()}/api/v1`, apiKey: KEY, maxRetries: 0, debug: true, logger })));
    const errors = [loop.error, refused, dropped.error, unreachable];
    for (const error of errors) {
      expect(error).toBeInstanceOf(SymbiontError);
      shown.push(inspect(error, { showHidden: true, depth: 10 }), JSON.stringify(error), String(error.stack));
      for (let cause = error.cause; cause; cause = cause.cause) shown.push(inspect(cause, { showHidden: true, depth: 10 }));
    }
    shown.push(...lines, inspect(chat, { showHidden: true }));
    expect(lines.some((line) => line.includes('connectChat GET ws://'))).toBe(true);
    for (const text of shown) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(encodeURIComponent(KEY));
    }
    expect(shown[0]).toMatch(/^ChatSession \{"url":"ws:\/\/127\.0\.0\.1:\d+\/ws\/chat"/);
  });
});
