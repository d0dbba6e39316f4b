/**
 * A scripted HTTP server on loopback for the SDK's tests: each request is recorded and answered
 * by the handler the test gives, which may also misbehave on purpose (stall, reset, drip).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach } from 'vitest';

/** One request the server received. */
export interface Recorded {
  method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  url: string;
  headers: IncomingMessage['headers'];
  /** Raw body text. */
  text: string;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** Time the request arrived (performance.now()). */
  at: number;
}

/** A handler: write the response, or leave it hanging on purpose. */
export type Handler = (req: Recorded, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** The running server. */
export interface ScriptedServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  requests: Recorded[];
  /** Open sockets right now. */
  connections(): number;
  /** Replace the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Reply with JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Reply with plain text (`content-type: text/plain`), not JSON: what a proxy or an upstream
 * answers, e.g. an error page echoing the request.
 *
 * @example
 * ```ts
 * server.handle((req, res) => text(res, 502, `upstream rejected ${req.text}`));
 * ```
 */
export function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}

/** Start a scripted server on 127.0.0.1 and a free port. */
export async function startScriptedServer(handler: Handler = (_, res) => json(res, 200, {})): Promise<ScriptedServer> {
  let current = handler;
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (raw, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: Recorded = { method: raw.method ?? '', url: raw.url ?? '', headers: raw.headers, text, body, at: performance.now() };
    requests.push(recorded);
    try {
      await current(recorded, res, raw);
    } catch (error) {
      if (!res.headersSent) json(res, 500, { error: String(error), code: 'TEST_HANDLER' });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => sockets.size,
    handle: (next) => {
      current = next;
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** What `useScriptedServer` returns: a getter, valid inside tests and hooks registered after it. */
export interface ScriptedServerFixture {
  /** The server of the running test. */
  readonly server: ScriptedServer;
}

/**
 * Registers `beforeEach` / `afterEach` hooks that start a fresh scripted server for every test
 * (answering with `handler`, by default 200 `{}`) and close it; returns a getter for it.
 *
 * @example
 * ```ts
 * const scripted = useScriptedServer();
 * it('sends', async () => {
 *   scripted.server.handle((_, res) => json(res, 500, { error: 'no', code: 'X' }));
 *   expect(scripted.server.requests).toHaveLength(0);
 * });
 * ```
 */
export function useScriptedServer(handler?: Handler): ScriptedServerFixture {
  let server: ScriptedServer | undefined;
  beforeEach(async () => {
    server = await startScriptedServer(handler);
  });
  afterEach(async () => {
    const running = server;
    server = undefined;
    await running?.close();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('useScriptedServer: no server is running (use it inside a test or a later hook)');
      return server;
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The error a promise rejects with (typed `any` so tests can read its fields); fails the test if
 * the promise resolves instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const catchError = async (promise: Promise<unknown>): Promise<any> =>
  promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error);
export { useMockRuntime, type MockRuntimeFixture, type UseMockRuntimeOptions } from './mockRuntime.ts';
export { rawCall, type RawAnswer, type RawCallOptions } from './rawCall.ts';
export { echoForms, errorViews, expectNoSecret } from './secrets.ts';
export { collectEvents, startScriptedChatServer, type ScriptedChatClient, type ScriptedChatOptions, type ScriptedChatServer } from './chat.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `count` agent ids (UUIDs) a runtime at `baseUrl` (with `/api/v1`) knows, for tests that need
 * agents on its message bus: the UUIDs `GET /agents` lists first, then agents it creates with
 * `POST /agents` (a body both the old and the runtime-faithful mock accept).
 */
export async function agentIds(baseUrl: string, apiKey: string | undefined, count: number): Promise<string[]> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  const listed = (await (await fetch(`${baseUrl}/agents`, { headers })).json()) as unknown[];
  const ids = listed.map((agent) => (typeof agent == 'string' ? agent : (agent as { id: string }).id)).filter((id) => UUID.test(id));
  while (ids.length < count) {
    const id = crypto.randomUUID();
    const body = { id, name: `agent-${ids.length}`, dsl: 'agent test {}', description: 'test agent', system_prompt: '', tools: [], model: 'gpt-4', temperature: 0, top_p: 1, max_tokens: 16 };
    const res = await fetch(`${baseUrl}/agents`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`agentIds: POST /agents answered ${res.status}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids.slice(0, count);
}
