/**
 * The node:http server: records requests, applies the optional rate limit, answers CORS preflights,
 * applies test faults, routes, checks auth and the runtime's extractors, and runs the domain
 * handlers. It answers as the runtime does (`server.rs`, `middleware.rs`): 401, 404, 405 and 429
 * with empty bodies, extractor errors in `text/plain`, no `x-request-id`, no `Retry-After`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { corsHeaders, isPreflight, preflightHeaders } from './cors.ts';
import { readJsonBody, type ParsedBody } from './request-body.ts';
import { errorBody, HttpError } from './responses.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createRouter, type RouteMatch } from './router.ts';
import type { Route, RouteResponse } from './routes.ts';
import type { State } from './state.ts';
import type { FaultHandler, FaultResponse, RecordedRequest } from './types.ts';

/** The path prefix of every API route. */
export const API_BASE_PATH = '/api/v1';

/** Options of `createMockServer`. */
export interface MockServerOptions {
  readonly routes: readonly Route[];
  readonly state: State;
  readonly apiKey?: string | undefined;
  /** Per-IP token bucket: this many requests a minute (burst as large); unset: no limit. */
  readonly rateLimitPerMinute?: number | undefined;
}

/** The runtime's default JSON body limit (axum's `DefaultBodyLimit`, 2 MiB). */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

/** Headers the runtime's `security_headers_middleware` adds to every answer. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
};

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** The canonical (lower-case, hyphenated) form of a UUID, or `undefined` when `text` is not one. */
export function canonicalUuid(text: string): string | undefined {
  if (!UUID.test(text)) return undefined;
  const hex = text.replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The server plus the controls `startMockRuntime` exposes. */
export interface MockServer {
  readonly server: Server;
  readonly requests: RecordedRequest[];
  setFault(handler?: FaultHandler): void;
  connections(): number;
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string | undefined;
  readonly rawBody?: string | Uint8Array | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

function splitUrl(rawUrl: string): { scope: 'api' | 'root'; path: string; query: Record<string, string> } {
  // Split by hand: WHATWG URL parsing would normalise `%2E%2E` and other segments.
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = Object.fromEntries(new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1)));
  if (rawPath === API_BASE_PATH || rawPath.startsWith(`${API_BASE_PATH}/`)) {
    return { scope: 'api', path: rawPath.slice(API_BASE_PATH.length) || '/', query };
  }
  return { scope: 'root', path: rawPath, query };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Writes `reply`: JSON `body`, `text/plain` `text`, or `rawBody` verbatim (as `application/json`
 * unless its headers say otherwise); no body, no content type. CORS headers unless `cors` is false
 * (a 429 from the rate limit, which sits outside the runtime's CORS layer).
 */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply, cors = true): void {
  if (res.destroyed || res.writableEnded) return;
  const noBody = reply.status === 204 || reply.status === 304;
  let payload: string | Uint8Array = '';
  let type: string | undefined;
  if (!noBody) {
    if (reply.rawBody !== undefined) [payload, type] = [reply.rawBody, 'application/json'];
    else if (reply.text !== undefined) [payload, type] = [reply.text, 'text/plain; charset=utf-8'];
    else if (reply.body !== undefined) [payload, type] = [JSON.stringify(reply.body), 'application/json'];
  }
  const headers: Record<string, string> = {
    ...(type === undefined ? {} : { 'content-type': type }),
    ...(cors ? corsHeaders(req) : {}),
    ...SECURITY_HEADERS,
  };
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
  if (!noBody) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(noBody ? undefined : payload);
}

function isAuthorized(req: IncomingMessage, apiKey: string | undefined): boolean {
  return apiKey === undefined || req.headers.authorization === `Bearer ${apiKey}`;
}

/**
 * Creates (but does not start) the mock runtime's HTTP server over `routes` and `state`.
 * Order per request, as the runtime's layers: read body → record → rate limit → CORS preflight →
 * fault → route match (no route: 404) → auth (401) → method (405) → extractors → handler.
 */
export function createMockServer(options: MockServerOptions): MockServer {
  const { state, apiKey } = options;
  const limiter = options.rateLimitPerMinute === undefined ? undefined : createRateLimiter(options.rateLimitPerMinute);
  const routers = {
    api: createRouter(options.routes.filter((route) => (route.scope ?? 'api') === 'api')),
    root: createRouter(options.routes.filter((route) => route.scope === 'root')),
  };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const faultTimers = new Map<NodeJS.Timeout, () => void>();
  let fault: FaultHandler | undefined;
  let closing: Promise<void> | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        faultTimers.delete(timer);
        resolve();
      }, ms);
      faultTimers.set(timer, resolve);
    });

  /** Applies a fault; true when it answered (or dropped) the request. */
  async function applyFault(req: IncomingMessage, res: ServerResponse, faulted: FaultResponse): Promise<boolean> {
    if (faulted.delayMs !== undefined && faulted.delayMs > 0) await sleep(faulted.delayMs);
    if (res.destroyed || closing !== undefined) return true;
    if (faulted.destroy === true) {
      req.socket.destroy();
      return true;
    }
    if (faulted.status === undefined) return false;
    send(req, res, { status: faulted.status, body: faulted.body, rawBody: faulted.rawBody, headers: faulted.headers });
    return true;
  }

  async function route(req: IncomingMessage, recorded: RecordedRequest, scope: 'api' | 'root', parsed: ParsedBody): Promise<Reply> {
    const method = recorded.method;
    let match: RouteMatch;
    try {
      match = routers[scope].match(method, recorded.path);
    } catch (error) {
      if (!isAuthorized(req, apiKey)) return { status: 401 };
      throw error;
    }
    // No route: the runtime's fallback answers before any auth layer.
    if (match.kind === 'not-found') return { status: 404 };
    if (!match.public && !isAuthorized(req, apiKey)) return { status: 401 };
    if (match.kind === 'method-not-allowed') return { status: 405, headers: { allow: match.allow.join(',') } };
    const { route: found } = match;
    const params = { ...match.params };
    for (const name of found.extract?.uuid ?? []) {
      const raw = params[name] ?? '';
      const uuid = canonicalUuid(raw);
      // An Enterprise runtime's ids need not be UUIDs: an agent the Enterprise DSL domain
      // registered under its DSL name is accepted while the Enterprise APIs are served.
      if (uuid === undefined && state.enterprise && state.agents.has(raw)) continue;
      if (uuid === undefined) return { status: 400, text: `Invalid URL: Cannot parse \`${raw}\` as a UUID` };
      params[name] = uuid;
    }
    if (found.extract?.json === true) {
      const limit = found.extract.bodyLimit ?? DEFAULT_BODY_LIMIT;
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
        return { status: 415, text: 'Expected request with `Content-Type: application/json`' };
      }
      if (parsed.kind === 'too-large' || Number(req.headers['content-length'] ?? 0) > limit) {
        return { status: 413, text: 'Failed to buffer the request body: length limit exceeded' };
      }
      if (parsed.kind === 'invalid-json') return { status: 400, text: `Failed to parse the request body as JSON: ${parsed.message}` };
      if (parsed.kind === 'empty') return { status: 400, text: 'Failed to parse the request body as JSON: EOF while parsing a value at line 1 column 0' };
    } else {
      if (parsed.kind === 'too-large') throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'request body too large');
      if (parsed.kind === 'invalid-json') throw new HttpError(400, 'INVALID_JSON', `request body is not valid JSON: ${parsed.message}`);
    }
    const response: RouteResponse = await found.handler(
      { params, query: recorded.query, body: recorded.body, headers: req.headers, method: found.method, path: recorded.path },
      state,
    );
    return response;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let parsed: ParsedBody;
    try {
      parsed = await readJsonBody(req);
    } catch {
      return; // the client went away mid-body
    }
    const { scope, path, query } = splitUrl(req.url ?? '/');
    const recorded: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query,
      body: parsed.value,
      headers: flattenHeaders(req),
    };
    requests.push(recorded);

    // The runtime's rate limit sits outside its CORS layer: a 429 has no CORS headers.
    if (limiter !== undefined && !limiter.take(req.socket.remoteAddress ?? '')) {
      send(req, res, { status: 429 }, false);
      return;
    }
    if (isPreflight(req)) {
      send(req, res, { status: 200, headers: preflightHeaders() });
      return;
    }
    try {
      const faulted = fault?.(recorded);
      if (faulted !== undefined && (await applyFault(req, res, faulted))) return;
      send(req, res, await route(req, recorded, scope, parsed));
    } catch (error) {
      if (error instanceof HttpError) send(req, res, error.toResponse());
      else send(req, res, { status: 500, body: errorBody('INTERNAL_ERROR', `Internal error: mock runtime: ${(error as Error)?.message ?? String(error)}`, null) });
    }
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    server,
    requests,
    setFault(handler) {
      fault = handler;
    },
    connections: () => sockets.size,
    close() {
      closing ??= (async () => {
        state.cancelScheduled();
        for (const [timer, wake] of faultTimers) {
          clearTimeout(timer);
          wake(); // the delayed request then sees `closing` and gives up
        }
        faultTimers.clear();
        // The callback also runs (with an error) when the server was not listening.
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        // A socket still in the set has not emitted 'close' yet (its listener removes it).
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
        for (const socket of sockets) socket.destroy();
        await Promise.all([serverClosed, ...socketsClosed]);
      })();
      return closing;
    },
  };
}
