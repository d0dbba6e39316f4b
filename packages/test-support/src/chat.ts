/**
 * A scripted WebSocket server on loopback for the chat tests: the test decides what each client
 * frame gets, so it can send what the mock runtime never does (a `PARSE_ERROR`, a heartbeat `Pong`
 * mid-answer, a malformed frame, a frame of an unknown type). Plain HTTP requests (the SDK's
 * `GET /agents` after a refused upgrade) get `http`'s answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';

// `ws` is a dependency of the mock runtime only (no SDK package may depend on it): load that copy.
const requireFromMock = createRequire(new URL('../../mock-runtime/package.json', import.meta.url));

interface WsSocket {
  send(data: string): void;
  close(code?: number): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
}
interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, done: (ws: WsSocket) => void): void;
}
const { WebSocketServer } = requireFromMock('ws') as { WebSocketServer: new (options: { noServer: true }) => WsServer };

/** One connected client, as the script sees it. */
export interface ScriptedChatClient {
  /** Sends `frame` as JSON. */
  send(frame: unknown): void;
  /** Sends a text frame verbatim. */
  sendText(text: string): void;
  /** Closes with a close frame. */
  close(code?: number): void;
  /** Breaks the connection without a close frame. */
  drop(): void;
}

/** The running server. */
export interface ScriptedChatServer {
  /** The base URL a context takes, `http://127.0.0.1:PORT/api/v1`. */
  url: string;
  /** The raw request URLs of every upgrade, in order (the token included). */
  upgrades: string[];
  /** Every text frame received, parsed when JSON. */
  frames: unknown[];
  /** Close codes of the connections that ended, in order (1006: no close frame). */
  closes: number[];
  close(): Promise<void>;
}

/** Options of {@link startScriptedChatServer}. */
export interface ScriptedChatOptions {
  /** Answer upgrades with this status instead of accepting them. */
  refuse?: number;
  /** Called when a client connects. */
  onConnect?: (client: ScriptedChatClient) => void;
  /** Called with every text frame a client sends (parsed when JSON, else the text). */
  onFrame?: (frame: any, client: ScriptedChatClient) => void;
  /** Answers plain HTTP requests. Default: 200 `[]`. */
  http?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Starts a scripted chat server on 127.0.0.1 and a free port; upgrades are accepted on any path. */
export async function startScriptedChatServer(options: ScriptedChatOptions = {}): Promise<ScriptedChatServer> {
  const upgrades: string[] = [];
  const frames: unknown[] = [];
  const closes: number[] = [];
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    if (options.http) return options.http(req, res);
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgrades.push(req.url ?? '');
    if (options.refuse !== undefined) {
      socket.end(`HTTP/1.1 ${options.refuse} Refused\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client: ScriptedChatClient = {
        send: (frame) => ws.send(JSON.stringify(frame)),
        sendText: (text) => ws.send(text),
        close: (code) => ws.close(code),
        drop: () => ws.terminate(),
      };
      ws.on('message', (data) => {
        const text = String(data);
        let frame: unknown = text;
        try {
          frame = JSON.parse(text);
        } catch {
          // kept as text
        }
        frames.push(frame);
        options.onFrame?.(frame, client);
      });
      ws.on('close', (code) => closes.push(code));
      options.onConnect?.(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    upgrades,
    frames,
    closes,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * Every event of an answer (any async iterable), or the error it ended with and the events before
 * it; never rejects.
 *
 * @example
 * ```ts
 * const { events, error } = await collectEvents(session.send('hello'));
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function collectEvents<T>(answer: AsyncIterable<T>): Promise<{ events: T[]; error?: any }> {
  const events: T[] = [];
  try {
    for await (const event of answer) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events };
}
