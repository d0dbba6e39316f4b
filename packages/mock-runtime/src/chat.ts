/**
 * `/ws/chat`: a scripted coordinator behind a WebSocket, answering like the runtime v1.19
 * (`ws_handler.rs`, `coordinator.rs`):
 * - the upgrade needs `?token=<apiKey>` when the mock has an `apiKey` (401, empty body, otherwise);
 * - a `Pong` right after connecting, every 30 s, and in reply to each `Ping`;
 * - one frame at a time per socket, in order of arrival: while a message is being answered, later
 *   frames wait (a `Ping` sent meanwhile is answered after that message's last event);
 * - each `ChatSend` gets its own UUID `request_id` (the client's `id` is required but ignored),
 *   then zero or more events, exactly one `ChatChunk` with `done: true` carrying the whole reply,
 *   and, when the run "fails", an `Error` `LOOP_ERROR` right after that chunk;
 * - a frame it cannot read (not JSON, unknown `type`, a missing or mistyped field, a lone UTF-16
 *   surrogate, which the runtime's serde_json refuses) gets `Error { request_id: null, code: "PARSE_ERROR" }`.
 *
 * What a message gets depends on words in its content (any combination; see README):
 * - `[tool]`: `ToolCallStarted` (`list_agents`), `PolicyDecision` `allow`, `ToolCallResult`
 *   (defined but never sent by the runtime v1.19: the mock sends it so clients can handle it);
 * - `[deny]`: two `ToolCallStarted`, then `PolicyDecision` `partial_deny` ("1 denied");
 * - `[stream]`: partial `ChatChunk`s (`done: false`, not sent by v1.19) before the final chunk;
 * - `[fail]`: `Error` `LOOP_ERROR` after the final chunk;
 * - `[drop]`: the connection is destroyed without a close frame instead of answering.
 * The reply is `Mock coordinator, message N: <content>` (N counts the socket's messages: the
 * conversation is kept per socket).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { RecordedRequest } from './types.ts';

/** The path the coordinator chat is served on, outside `/api/v1`. */
export const CHAT_PATH = '/ws/chat';
/** How often the runtime sends an unprompted `Pong`. */
const HEARTBEAT_MS = 30_000;

type ServerFrame =
  | { type: 'ChatChunk'; request_id: string; content: string; done: boolean }
  | { type: 'ToolCallStarted'; request_id: string; call_id: string; tool_name: string; arguments: string }
  | { type: 'ToolCallResult'; request_id: string; call_id: string; result: string; is_error: boolean }
  | { type: 'PolicyDecision'; request_id: string; action: string; decision: string; reason: string }
  | { type: 'Error'; request_id: string | null; code: string; message: string }
  | { type: 'Pong' };

/** Options of {@link attachChat}. */
export interface ChatOptions {
  /** The token the upgrade must carry; open when unset. */
  readonly apiKey?: string | undefined;
  /** Where the upgrade request is recorded (`path: '/ws/chat'`, `query` with the token). */
  readonly requests?: RecordedRequest[] | undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a client frame is, or why it could not be read. */
function readFrame(data: string): { type: 'ChatSend'; content: string } | { type: 'Ping' } | { error: string } {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch (error) {
    return { error: `expected JSON: ${(error as Error).message}` };
  }
  if (typeof frame != 'object' || frame === null || Array.isArray(frame)) return { error: 'expected an object' };
  const { type, id, content } = frame as Record<string, unknown>;
  if (type === 'Ping') return { type: 'Ping' };
  if (type !== 'ChatSend') return { error: typeof type == 'string' ? `unknown variant \`${type}\`, expected \`ChatSend\` or \`Ping\`` : 'missing field `type`' };
  if (typeof id != 'string') return { error: id === undefined ? 'missing field `id`' : 'invalid type for `id`, expected a string' };
  if (typeof content != 'string') return { error: content === undefined ? 'missing field `content`' : 'invalid type for `content`, expected a string' };
  if (LONE_SURROGATE.test(content) || LONE_SURROGATE.test(id)) return { error: 'lone leading surrogate in hex escape' };
  return { type: 'ChatSend', content };
}

/** One socket's coordinator: a queue of frames worked through one at a time. */
function serve(socket: WebSocket): void {
  const queue: string[] = [];
  let busy = false;
  let messages = 0;
  const out = (frame: ServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  // Between two events: lets other I/O run, so that a client cannot rely on one event per read.
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  async function answer(content: string): Promise<void> {
    const request_id = randomUUID();
    messages += 1;
    if (content.includes('[drop]')) {
      socket.terminate(); // no close frame: the client sees the connection break
      return;
    }
    if (content.includes('[tool]')) {
      const call_id = `call_${randomUUID().slice(0, 8)}`;
      out({ type: 'ToolCallStarted', request_id, call_id, tool_name: 'list_agents', arguments: '{}' });
      await tick();
      out({ type: 'PolicyDecision', request_id, action: '1 actions', decision: 'allow', reason: 'All actions approved' });
      await tick();
      out({ type: 'ToolCallResult', request_id, call_id, result: '["coordinator"]', is_error: false });
      await tick();
    }
    if (content.includes('[deny]')) {
      out({ type: 'ToolCallStarted', request_id, call_id: `call_${randomUUID().slice(0, 8)}`, tool_name: 'list_agents', arguments: '{}' });
      out({ type: 'ToolCallStarted', request_id, call_id: `call_${randomUUID().slice(0, 8)}`, tool_name: 'delete_agent', arguments: '{"agent_id":"all"}' });
      await tick();
      out({ type: 'PolicyDecision', request_id, action: '2 actions', decision: 'partial_deny', reason: '1 denied' });
      await tick();
    }
    const reply = `Mock coordinator, message ${messages}: ${content}`;
    if (content.includes('[stream]')) {
      const half = Math.ceil(reply.length / 2);
      for (const part of [reply.slice(0, half), reply.slice(half)]) {
        out({ type: 'ChatChunk', request_id, content: part, done: false });
        await tick();
      }
    }
    out({ type: 'ChatChunk', request_id, content: reply, done: true });
    if (content.includes('[fail]')) {
      out({ type: 'Error', request_id, code: 'LOOP_ERROR', message: 'Mock coordinator: the reasoning loop failed (the message asked for [fail])' });
    }
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      while (queue.length > 0 && socket.readyState === socket.OPEN) {
        const frame = readFrame(queue.shift() as string);
        if ('error' in frame) out({ type: 'Error', request_id: null, code: 'PARSE_ERROR', message: `Invalid message: ${frame.error}` });
        else if (frame.type === 'Ping') out({ type: 'Pong' });
        else await answer(frame.content);
      }
    } finally {
      busy = false;
    }
  }

  const heartbeat = setInterval(() => out({ type: 'Pong' }), HEARTBEAT_MS);
  heartbeat.unref();
  socket.on('close', () => clearInterval(heartbeat));
  socket.on('error', () => socket.terminate());
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return; // the runtime ignores binary frames
    queue.push(String(data));
    void drain();
  });
  out({ type: 'Pong' });
}

/** Writes a bare HTTP status (empty body) on a socket that asked to upgrade, and closes it. */
function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
}

/** Serves `/ws/chat` on `server`'s `upgrade` event; other upgrade paths answer 404. */
export function attachChat(server: Server, options: ChatOptions = {}): void {
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', serve);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const raw = req.url ?? '/';
    const queryStart = raw.indexOf('?');
    const path = queryStart === -1 ? raw : raw.slice(0, queryStart);
    const query = Object.fromEntries(new URLSearchParams(queryStart === -1 ? '' : raw.slice(queryStart + 1)));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = String(value);
    options.requests?.push({ method: (req.method ?? 'GET').toUpperCase(), path, query, body: undefined, headers });
    socket.on('error', () => socket.destroy());
    if (path !== CHAT_PATH) return refuse(socket, 404, 'Not Found');
    if (options.apiKey !== undefined && query.token !== options.apiKey) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
}
