// The session's protocol rules against a scripted WebSocket server, for what the mock runtime never
// sends: PARSE_ERROR, a LOOP_ERROR that arrives after the client's Ping went out, unprompted Pongs,
// malformed frames and frames of unknown types. Also the Workers path (fetch with Upgrade).
import { AuthenticationError, ConnectionError, createContext, ResponseValidationError, TimeoutError } from '@symbiont/core';
import { catchError, collectEvents, type ScriptedChatClient, type ScriptedChatOptions, type ScriptedChatServer, startScriptedChatServer } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError, type ChatEvent, type ChatSession, connectChat } from './index.ts';

const KEY = 'scripted-key-51c0e2';
let server: ScriptedChatServer | undefined;
let session: ChatSession | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await session?.close();
  session = undefined;
  await server?.close();
  server = undefined;
});

async function start(options: ScriptedChatOptions, context: { validateResponses?: boolean; fetch?: typeof fetch } = {}): Promise<ChatSession> {
  server = await startScriptedChatServer(options);
  session = await connectChat(createContext({ baseUrl: server.url, apiKey: KEY, maxRetries: 0, ...context }));
  return session;
}

const chunk = (request_id: string, content: string, done = true) => ({ type: 'ChatChunk', request_id, content, done });

/** A coordinator that answers each ChatSend with `script(content, id)` frames and each Ping with a Pong, in order. */
function coordinator(script: (content: string, id: string) => unknown[]): ScriptedChatOptions {
  let n = 0;
  return {
    onConnect: (client) => client.send({ type: 'Pong' }),
    onFrame: (frame, client: ScriptedChatClient) => {
      if (frame.type === 'Ping') client.send({ type: 'Pong' });
      else for (const out of script(frame.content, `req-${++n}`)) client.send(out);
    },
  };
}

describe('ChatSession protocol', () => {
  it('sends ChatSend { id, content } and a Ping right after each final chunk', async () => {
    const chat = await start(coordinator((content, id) => [chunk(id, `re: ${content}`)]));
    expect((await collectEvents(chat.send('hi'))).events).toEqual([chunk('req-1', 're: hi')]);
    expect(server!.upgrades).toEqual([`/ws/chat?token=${KEY}`]);
    expect(server!.frames).toEqual([{ type: 'ChatSend', id: expect.any(String), content: 'hi' }, { type: 'Ping' }]);
  });

  it('waits past the final chunk for the Pong of its Ping, so a LOOP_ERROR that comes later still throws', async () => {
    // The runtime reads the Ping only after the message is done: here the error goes out just before that Pong.
    const chat = await start({
      onFrame: (frame, client) => {
        if (frame.type === 'ChatSend') client.send(chunk('r1', 'partial work'));
        if (frame.type === 'Ping') {
          client.send({ type: 'Error', request_id: 'r1', code: 'LOOP_ERROR', message: 'provider timed out' });
          client.send({ type: 'Pong' });
        }
      },
    });
    const result = await collectEvents(chat.send('go'));
    expect(result.events).toEqual([chunk('r1', 'partial work')]);
    expect(result.error).toBeInstanceOf(ChatError);
    expect(result.error).toMatchObject({ code: 'LOOP_ERROR', requestId: 'r1', message: 'provider timed out' });
  });

  it('drops a late LOOP_ERROR that a heartbeat Pong overtook, never binding it to the next send', async () => {
    // The runtime's 30 s heartbeat Pong shares the outgoing queue: it can land between a final chunk
    // and that message's LOOP_ERROR. The first answer then ends normally; the next must be untouched.
    let n = 0;
    const chat = await start({
      onFrame: (frame, client) => {
        if (frame.type === 'Ping') return client.send({ type: 'Pong' });
        const id = `r${++n}`;
        client.send(chunk(id, `reply ${n}`));
        if (n === 1) {
          client.send({ type: 'Pong' });
          client.send({ type: 'Error', request_id: id, code: 'LOOP_ERROR', message: 'boom' });
        }
      },
    });
    const [first, second] = await Promise.all([collectEvents(chat.send('one')), collectEvents(chat.send('two'))]);
    expect(first).toEqual({ events: [chunk('r1', 'reply 1')] });
    expect(second).toEqual({ events: [chunk('r2', 'reply 2')] });
  });

  it('ends an answer at the next message\'s first event when that comes before the Pong', async () => {
    let held: ScriptedChatClient | undefined;
    const chat = await start({
      onFrame: (frame, client) => {
        held = client;
        if (frame.type === 'ChatSend' && frame.content === 'a') client.send(chunk('r-a', 'A'));
        if (frame.type === 'ChatSend' && frame.content === 'b') client.send({ type: 'PolicyDecision', request_id: 'r-b', action: '1 actions', decision: 'allow', reason: 'ok' });
        // Pings are never answered here.
      },
    });
    const a = chat.send('a');
    const b = chat.send('b');
    expect((await collectEvents(a)).events).toEqual([chunk('r-a', 'A')]);
    expect((await b.next()).value).toMatchObject({ type: 'PolicyDecision', request_id: 'r-b' });
    held!.send(chunk('r-b', 'B'));
    expect((await b.next()).value).toEqual(chunk('r-b', 'B'));
  });

  it('ignores unprompted Pongs before the final chunk and frames of unknown types', async () => {
    const chat = await start(coordinator((_, id) => [
      { type: 'Pong' }, // heartbeat mid-answer
      { type: 'ThinkingStarted', request_id: id }, // from a later runtime
      { type: 'ToolCallStarted', request_id: id, call_id: 'c1', tool_name: 't', arguments: '{"a":1}', extra: true },
      chunk(id, 'done'),
    ]));
    const result = await collectEvents(chat.send('x'));
    expect(result.error).toBeUndefined();
    expect(result.events).toEqual([
      { type: 'ToolCallStarted', request_id: 'req-1', call_id: 'c1', tool_name: 't', arguments: '{"a":1}', extra: true },
      chunk('req-1', 'done'),
    ]);
  });

  it('turns a PARSE_ERROR (request_id null) into a ChatError for the oldest unanswered send; later sends carry on', async () => {
    let first = true;
    const chat = await start(coordinator((content, id) => {
      if (first) {
        first = false;
        return [{ type: 'Error', request_id: null, code: 'PARSE_ERROR', message: 'Invalid message: missing field `id`' }];
      }
      return [chunk(id, `re: ${content}`)];
    }));
    const a = chat.send('unreadable');
    const b = chat.send('readable');
    const resultA = await collectEvents(a);
    expect(resultA.events).toEqual([]);
    expect(resultA.error).toBeInstanceOf(ChatError);
    expect(resultA.error).toMatchObject({ code: 'PARSE_ERROR', requestId: null });
    expect((await collectEvents(b)).events).toEqual([chunk('req-2', 're: readable')]);
  });

  it('a frame that breaks the contract ends the session with a ResponseValidationError, unless validation is off', async () => {
    const bad = (_: string, id: string) => [{ type: 'ChatChunk', request_id: id, content: 'no done flag' }];
    const chat = await start(coordinator(bad));
    const result = await collectEvents(chat.send('x'));
    expect(result.error).toBeInstanceOf(ResponseValidationError);
    expect(result.error.issues[0].path).toBe('done');
    expect(chat.isOpen).toBe(false);
    await server!.close();

    const lenient = await start(coordinator((_, id) => [{ type: 'ChatChunk', request_id: id, content: 'odd', done: 'yes' }, chunk(id, 'ok')]), { validateResponses: false });
    expect((await collectEvents(lenient.send('x'))).events.map((e) => (e as { content: string }).content)).toEqual(['odd', 'ok']);
    await lenient.close();
    await server!.close();

    const garbage = await start({ onFrame: (_, client) => client.sendText('not json at all') });
    const broken = await collectEvents(garbage.send('x'));
    expect(broken.error).toBeInstanceOf(ResponseValidationError);
    expect(garbage.isOpen).toBe(false);
  });

  it('close() sends a normal close (1000)', async () => {
    const chat = await start(coordinator((_, id) => [chunk(id, 'ok')]));
    await chat.close();
    await vi.waitFor(() => expect(server!.closes).toEqual([1000]), { timeout: 15_000, interval: 20 });
  });

  it('a server close frame ends pending answers with a ConnectionError naming the code, not the token', async () => {
    const chat = await start({ onFrame: (frame, client) => frame.type === 'ChatSend' && client.close(1011) });
    const result = await collectEvents(chat.send('x'));
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(result.error.message).toMatch(/1011/);
    expect(result.error.message).not.toContain(KEY);
  });
});

describe('Workers path: fetch with Upgrade: websocket when the WebSocket constructor is missing', () => {
  const RealWebSocket = globalThis.WebSocket;

  /** A fetch that opens a real socket and answers like workerd: status 101 with `webSocket` (accept() already done). */
  function workerFetch(seen: { url: string; headers: Headers }[]): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      seen.push({ url, headers: new Headers(init?.headers) });
      const ws = new RealWebSocket(url.replace(/^http/, 'ws'));
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve);
        ws.addEventListener('error', () => reject(new TypeError(`Network connection lost for ${url}`)));
      });
      const webSocket = Object.assign(ws, { accept: vi.fn() });
      return { status: 101, webSocket, body: null } as unknown as Response;
    }) as typeof fetch;
  }

  it('chats through the socket of a 101 response', async () => {
    vi.stubGlobal('WebSocket', undefined);
    const seen: { url: string; headers: Headers }[] = [];
    const chat = await start(coordinator((content, id) => [chunk(id, `re: ${content}`)]), { fetch: workerFetch(seen) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${server!.url.replace('/api/v1', '')}/ws/chat?token=${KEY}`);
    expect(seen[0]?.headers.get('upgrade')).toBe('websocket');
    expect((await collectEvents(chat.send('via fetch'))).events).toEqual([chunk('req-1', 're: via fetch')]);
  });

  it('falls back to fetch only when the constructor is unusable (a TypeError), not when it refuses the URL', async () => {
    server = await startScriptedChatServer({});
    const fetched: string[] = [];
    const refusing = (async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return new Response(null, { status: 401 });
    }) as typeof fetch;
    vi.stubGlobal('WebSocket', class {
      constructor() {
        throw new TypeError('Illegal constructor');
      }
    });
    expect(await catchError(connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: refusing })))).toBeInstanceOf(AuthenticationError);
    expect(fetched).toHaveLength(1);
    vi.stubGlobal('WebSocket', class {
      constructor(url: string) {
        throw new DOMException(`Refused to connect to '${url}' because it violates the Content Security Policy`, 'SecurityError');
      }
    });
    const blocked = await catchError(connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: refusing })));
    expect(blocked).toBeInstanceOf(ConnectionError);
    expect(blocked.message).toMatch(/Content Security Policy/);
    expect(blocked.message).not.toContain(KEY);
    expect(fetched).toHaveLength(1);
  });

  it('a 401 answer is an AuthenticationError, a failed fetch a ConnectionError without the token, a hanging one times out or aborts', async () => {
    vi.stubGlobal('WebSocket', undefined);
    server = await startScriptedChatServer({});
    const refusing = (async () => new Response(null, { status: 401 })) as typeof fetch;
    const refused = await catchError(connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: refusing })));
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused.status).toBe(401);

    const failing = (async (input: RequestInfo | URL) => {
      throw new TypeError(`connect ECONNREFUSED for ${String(input)}`);
    }) as typeof fetch;
    const unreachable = await catchError(connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: failing })));
    expect(unreachable).toBeInstanceOf(ConnectionError);
    expect(unreachable.message).toMatch(/ECONNREFUSED/);
    expect(`${unreachable.message} ${String(unreachable.cause)}`).not.toContain(KEY);

    // A fetch that never answers (it honours its signal): the timeout, then an abort.
    const hanging = ((_: RequestInfo | URL, init?: RequestInit) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })) as typeof fetch;
    const timedOut = await catchError(connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: hanging }), { timeout: 200 }));
    expect(timedOut).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const opening = connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: hanging }), { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await catchError(opening)).toBe(reason);

    const notServed = (async () => new Response(null, { status: 404 })) as typeof fetch;
    const missing = await catchError(connectChat(createContext({ baseUrl: server.url, apiKey: KEY, fetch: notServed })));
    expect(missing).toBeInstanceOf(ConnectionError);
    expect(missing.message).toMatch(/404/);
  });
});
