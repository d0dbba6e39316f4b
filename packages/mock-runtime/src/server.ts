/**
 * The node:http server: records requests, answers CORS preflights, applies test faults, checks
 * auth, routes to the domain handlers and writes every answer as JSON with `x-request-id`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { readJsonBody, type ParsedBody } from './request-body.ts';
import { errorBody, HttpError } from './responses.ts';
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

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const noBody = reply.status === 204 || reply.status === 304;
  let payload: string | Uint8Array = '';
  if (!noBody) {
    if (reply.rawBody !== undefined) payload = reply.rawBody;
    else if (reply.body !== undefined) payload = JSON.stringify(reply.body);
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-request-id': randomUUID(),
    ...corsHeaders(),
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
 * Order per request: read body → record → CORS preflight → fault → route match → auth → body checks → handler.
 */
export function createMockServer(options: MockServerOptions): MockServer {
  const { state, apiKey } = options;
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
    send(res, { status: faulted.status, body: faulted.body, rawBody: faulted.rawBody, headers: faulted.headers });
    return true;
  }

  async function route(req: IncomingMessage, recorded: RecordedRequest, scope: 'api' | 'root', parsed: ParsedBody): Promise<Reply> {
    const method = recorded.method;
    let match: RouteMatch;
    try {
      match = routers[scope].match(method, recorded.path);
    } catch (error) {
      if (!isAuthorized(req, apiKey)) return unauthorized();
      throw error;
    }
    const isPublic = match.kind === 'found' && match.route.public === true;
    if (!isPublic && !isAuthorized(req, apiKey)) return unauthorized();
    if (match.kind === 'not-found') {
      return new HttpError(404, 'NOT_FOUND', `no route for ${method} ${recorded.path}`).toResponse();
    }
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      return new HttpError(405, 'METHOD_NOT_ALLOWED', `method ${method} not allowed on ${recorded.path}`, {
        headers: { allow },
      }).toResponse();
    }
    if (parsed.kind === 'too-large') throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'request body too large');
    if (parsed.kind === 'invalid-json') throw new HttpError(400, 'INVALID_JSON', `request body is not valid JSON: ${parsed.message}`);
    const response: RouteResponse = await match.route.handler(
      { params: match.params, query: recorded.query, body: recorded.body, headers: req.headers, method: match.route.method, path: recorded.path },
      state,
    );
    return response;
  }

  function unauthorized(): Reply {
    return { status: 401, body: errorBody('UNAUTHORIZED', 'unauthorized'), headers: { 'www-authenticate': 'Bearer' } };
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

    if (recorded.method === 'OPTIONS') {
      send(res, { status: 204, headers: preflightHeaders(req) });
      return;
    }
    try {
      const faulted = fault?.(recorded);
      if (faulted !== undefined && (await applyFault(req, res, faulted))) return;
      send(res, await route(req, recorded, scope, parsed));
    } catch (error) {
      if (error instanceof HttpError) send(res, error.toResponse());
      else send(res, { status: 500, body: errorBody('INTERNAL_ERROR', `mock runtime error: ${(error as Error)?.message ?? String(error)}`) });
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
