/**
 * The mock of the runtime's HTTP Input listener (`crates/runtime/src/http_input/server.rs`): its
 * own server on its own port, path `/webhook` and `/webhook/{agent}`, answering like the runtime
 * v1.19 does under `symbi up`.
 *
 * Order per request, as the runtime's: no such path → 404; auth (the whole `Authorization` header
 * equals `Bearer <apiKey>`) → 401; not POST → 405; body over 1 MiB → 413 `text/plain`; 10 calls
 * already running → 429; with `webhookSecret`, a missing or wrong `X-Hub-Signature-256` → 401;
 * bad JSON → 400. 401, 429, 400, 404 and 405 have empty bodies.
 *
 * The payload picks the answer (a mock-only control, documented in the README):
 * - `mock_result`: `"completed"` (default: a scripted reply to `prompt`, else `message`, else the
 *   whole payload), `"tool_runs"` (completed after two tool calls, one with `input: null`),
 *   `"policy_denial"` (`{ PolicyDenial: { reason } }`), `"loop_error"` (`{ Error: { message } }`),
 *   `"max_iterations"`, `"execution_started"` (the agent was running), or `"agent_failure"` (500
 *   `{ error, timestamp }`);
 * - `mock_delay_ms`: hold the call (and its concurrency slot) this long first, at most 30,000.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultHandler, RecordedRequest } from './types.ts';

/** The listener's path (`symbi up`). */
export const WEBHOOK_PATH = '/webhook';
/** Largest body accepted: 1 MiB, as `symbi up` configures it. */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
/** Calls handled at once; one more is 429. */
export const WEBHOOK_CONCURRENCY = 10;
/** The agent `/webhook` (no route) invokes. */
export const DEFAULT_WEBHOOK_AGENT_ID = '6f1c1b0e-2f0a-4c8e-9a55-6e2b8f1d4a10';
/** Longest `mock_delay_ms` honoured. */
const MAX_DELAY_MS = 30_000;

/** Options of {@link startHttpInput}. */
export interface HttpInputOptions {
  readonly host: string;
  readonly port?: number | undefined;
  /** Required as `Authorization: Bearer <apiKey>` when set; unset: open (the runtime refuses every call then). */
  readonly apiKey?: string | undefined;
  /** When set, `X-Hub-Signature-256: sha256=<hex>` of HMAC-SHA256 over the raw body is required. */
  readonly webhookSecret?: string | undefined;
  /** Where each request is recorded (the mock runtime's shared list); full path, e.g. `/webhook/ops`. */
  readonly requests: RecordedRequest[];
  /** The mock runtime's fault handler, consulted for every request after it is recorded. */
  readonly fault?: (() => FaultHandler | undefined) | undefined;
}

/** A running listener. */
export interface HttpInput {
  /** `http://HOST:PORT/webhook`. */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const EMPTY = Buffer.alloc(0);

/** An RFC 3339 time as chrono's `to_rfc3339` writes it: nine fractional digits and `+00:00`. */
const rfc3339 = (): string => `${new Date().toISOString().slice(0, 23)}${String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0')}+00:00`;

/** A stable UUID for an agent name (the mock has no agents of its own behind the listener). */
function agentIdFor(route: string): string {
  const hex = createHash('sha256').update(route).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Whether the signature header is `sha256=<hex>` of HMAC-SHA256(secret, body), compared in constant time. */
function validSignature(header: string | undefined, secret: string, body: Buffer): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const hex = header.slice('sha256='.length);
  if (hex.length % 2 != 0 || !/^[0-9a-fA-F]*$/.test(hex)) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length == expected.length && timingSafeEqual(given, expected);
}

/** The user's text as the runtime takes it: `prompt`, else `message`, else the whole payload as a task. */
function userText(payload: unknown): string {
  const record = typeof payload == 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  if (typeof record['prompt'] == 'string') return record['prompt'];
  if (typeof record['message'] == 'string') return record['message'];
  return `Execute the following task using your available tools:\n\n${JSON.stringify(payload, null, 2)}`;
}

/** The answer to a valid call: status and JSON body. */
function answer(payload: unknown, agentId: string, started: number): { status: number; body: unknown } {
  const record = typeof payload == 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const mode = record['mock_result'];
  const latency_ms = Math.round(performance.now() - started);
  if (mode === 'agent_failure') return { status: 500, body: { error: 'Internal server error', timestamp: rfc3339() } };
  if (mode === 'execution_started') {
    return { status: 200, body: { status: 'execution_started', agent_id: agentId, message_id: randomUUID(), latency_ms, timestamp: rfc3339() } };
  }
  const text = userText(payload);
  let response = `Mock agent reply to: ${text}`;
  let tool_runs: unknown[] = [];
  let termination_reason: unknown = 'Completed';
  let iterations = 1;
  if (mode === 'tool_runs') {
    tool_runs = [
      { tool: 'toolclad:lookup', input: { query: text }, output_preview: 'lookup: 3 results' },
      { tool: 'lookup', input: null, output_preview: 'Tool call rejected: arguments are not valid JSON' },
    ];
    iterations = 3;
  } else if (mode === 'policy_denial') {
    tool_runs = [{ tool: 'shell_exec', input: { command: 'rm -rf /tmp/cache' }, output_preview: 'Denied by policy: shell_exec is not allowed' }];
    termination_reason = { PolicyDenial: { reason: 'shell_exec is not allowed' } };
    response = '';
    iterations = 2;
  } else if (mode === 'loop_error') {
    termination_reason = { Error: { message: 'inference provider returned an error' } };
    response = '';
  } else if (mode === 'max_iterations') {
    termination_reason = 'MaxIterations';
    iterations = 15;
  }
  return {
    status: 200,
    body: { status: 'completed', agent_id: agentId, response, tool_runs, termination_reason, iterations, model: 'mock-model', provider: 'mock', latency_ms, timestamp: rfc3339() },
  };
}

/** Starts the listener on `host:port` (any free port by default). */
export async function startHttpInput(options: HttpInputOptions): Promise<HttpInput> {
  const { apiKey, webhookSecret, requests } = options;
  const sockets = new Set<Socket>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  let running = 0;
  let closing: Promise<void> | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  /** Writes an answer: `json` as JSON, else `text` (a `text/plain` body unless `headers` say otherwise), else an empty body. */
  const reply = (req: IncomingMessage, res: ServerResponse, status: number, content: { json?: unknown; text?: string | Uint8Array; headers?: Readonly<Record<string, string>> | undefined } = {}): void => {
    if (res.destroyed || res.writableEnded) return;
    const origin = req.headers.origin;
    const headers: Record<string, string> = origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'origin' };
    let payload: string | Uint8Array = '';
    if (content.json !== undefined) {
      payload = JSON.stringify(content.json);
      headers['content-type'] = 'application/json';
    } else if (content.text !== undefined) {
      payload = content.text;
      headers['content-type'] = 'text/plain; charset=utf-8';
    }
    for (const [name, value] of Object.entries(content.headers ?? {})) headers[name.toLowerCase()] = value;
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(status, headers);
    res.end(payload);
  };

  /** Reads at most the limit, draining (and dropping) the rest; `undefined` when the body was larger. */
  async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= WEBHOOK_MAX_BODY_BYTES) chunks.push(chunk);
    }
    return size > WEBHOOK_MAX_BODY_BYTES ? undefined : chunks.length ? Buffer.concat(chunks) : EMPTY;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let body: Buffer | undefined;
    try {
      body = await readBody(req);
    } catch {
      return; // the client went away mid-body
    }
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt == -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const method = (req.method ?? 'GET').toUpperCase();
    let parsed: unknown;
    let validJson = false;
    try {
      if (body !== undefined) {
        parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
        validJson = true;
      }
    } catch {
      parsed = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const recorded: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(new URLSearchParams(queryAt == -1 ? '' : rawUrl.slice(queryAt + 1))),
      body: parsed,
      headers,
    };
    requests.push(recorded);

    const route = path.startsWith(`${WEBHOOK_PATH}/`) ? path.slice(WEBHOOK_PATH.length + 1) : undefined;
    if (path != WEBHOOK_PATH && !route) return reply(req, res, 404);
    // The runtime's CORS layer answers preflights before auth: POST, `authorization` and `content-type` only.
    if (method == 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      return reply(req, res, 200, { headers: { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization,content-type' } });
    }
    const faulted = options.fault?.()?.(recorded);
    if (faulted !== undefined) {
      if (faulted.delayMs !== undefined && faulted.delayMs > 0) await sleep(faulted.delayMs);
      if (closing !== undefined || res.destroyed) return;
      if (faulted.destroy === true) return void req.socket.destroy();
      if (faulted.status !== undefined) return reply(req, res, faulted.status, { json: faulted.rawBody === undefined ? faulted.body : undefined, text: faulted.rawBody, headers: { 'content-type': 'application/json', ...faulted.headers } });
    }
    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) return reply(req, res, 401);
    if (method != 'POST') return reply(req, res, 405, { headers: { allow: 'POST' } });
    if (body === undefined) return reply(req, res, 413, { text: 'Failed to buffer the request body: length limit exceeded' });
    if (running >= WEBHOOK_CONCURRENCY) return reply(req, res, 429);
    running++;
    try {
      const signature = req.headers['x-hub-signature-256'];
      if (webhookSecret !== undefined && !validSignature(Array.isArray(signature) ? signature[0] : signature, webhookSecret, body)) return reply(req, res, 401);
      if (!validJson) return reply(req, res, 400);
      const delay = (parsed as { mock_delay_ms?: unknown } | null)?.mock_delay_ms;
      if (typeof delay == 'number' && delay > 0) await sleep(Math.min(delay, MAX_DELAY_MS));
      if (closing !== undefined) return;
      // `symbi up` routes `/webhook/<agent name>` to that agent.
      const agentId = route === undefined ? DEFAULT_WEBHOOK_AGENT_ID : agentIdFor(route);
      const { status, body: result } = answer(parsed, agentId, started);
      reply(req, res, status, { json: result });
    } finally {
      running--;
    }
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(req, res, 500, { json: { error: 'Internal server error', timestamp: rfc3339() } });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}${WEBHOOK_PATH}`,
    server,
    close() {
      closing ??= (async () => {
        for (const [timer, wake] of timers) {
          clearTimeout(timer);
          wake();
        }
        timers.clear();
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
        for (const socket of sockets) socket.destroy();
        await Promise.all([serverClosed, ...socketsClosed]);
      })();
      return closing;
    },
  };
}
