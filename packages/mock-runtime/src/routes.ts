/**
 * The route registry's types.
 *
 * How to add a domain (reviews, secrets, mcp, knowledge, dsl, ...):
 *  1. Add the domain's in-memory data to `State` in `./state.ts` (a field plus its initial value in
 *     `createState`); if it feeds `GET /metrics`, point the matching `state.counters` function at it.
 *  2. Write `./domains/<domain>.ts` exporting `export const <domain>Routes: readonly Route[] = [...]`,
 *     one `Route` per endpoint of the contract, with `pattern` relative to `/api/v1`
 *     (`/secrets/{agent_id}/{secret_name}`). Use `json(...)`, `HttpError` and `assertShape(...)` from
 *     `./responses.ts` and `./validate.ts` so errors keep the `{ error, code }` shape.
 *  3. Register it in `startMockRuntime` (`./start.ts`): `[...coreRoutes, ...<domain>Routes, ...]`.
 *     A domain the open-source runtime does not serve goes in the Enterprise list there (or marks
 *     its routes `enterprise: true`), so `enterprise: false` leaves it out. A domain the runtime
 *     serves answers as the runtime does: `extract` for its UUID path parameters and JSON bodies,
 *     `runtimeError(status, code, message)` for its handler errors.
 *  4. Add `./domains/<domain>.test.ts` hitting the routes over HTTP.
 * Route order does not matter: when several patterns match a path, the one with a literal segment
 * earliest wins (`/agents/deploy` beats `/agents/{agent_id}`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { State } from './state.ts';

/** HTTP methods a route can answer. `HEAD` is answered by the `GET` route of the same path. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route handler receives. */
export interface RouteRequest {
  /** Path parameters by name, already percent-decoded (`a%2Fb` → `a/b`). */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters (the last value wins when a name repeats). */
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body, or `undefined` when the request had none. */
  readonly body: unknown;
  /** Request headers as Node gives them (lower-case names). */
  readonly headers: IncomingHttpHeaders;
  /** The request method (`GET` for a `HEAD` request answered by a `GET` route). */
  readonly method: string;
  /** The path after the base URL, still percent-encoded, without the query. */
  readonly path: string;
}

/**
 * What a route handler returns. `body` is sent as JSON; `text` as `text/plain` (the runtime's
 * extractor errors); neither sends an empty body without a content type.
 */
export interface RouteResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * What the runtime's axum extractors check before its handler runs (after auth), answered as the
 * runtime does, in `text/plain`: a path parameter listed in `uuid` that is not a UUID is 400
 * ("Invalid URL: …"); with `json`, a body without `Content-Type: application/json` is 415, invalid
 * JSON 400, one over `bodyLimit` bytes (default 2 MiB) 413. Shape errors (422) are the handler's:
 * throw `unprocessable(…)` from `./responses.ts`.
 */
export interface RouteExtract {
  readonly uuid?: readonly string[];
  readonly json?: boolean;
  readonly bodyLimit?: number;
}

/** One endpoint: method + path pattern + handler. */
export interface Route {
  readonly method: RouteMethod;
  /**
   * Path pattern; `{name}` matches one non-empty segment of the still-percent-encoded path and is
   * passed decoded in `params.name`. Relative to `/api/v1` unless `scope` is `'root'`.
   */
  readonly pattern: string;
  /** `'api'` (default): under `/api/v1`. `'root'`: at the server root (`/.well-known/...`). */
  readonly scope?: 'api' | 'root';
  /** When true the route answers without `Authorization` even if the server has an API key. */
  readonly public?: boolean;
  /**
   * When true the route exists only with `enterprise: true` (the default): a route of the
   * Enterprise / hosted APIs that the open-source runtime does not serve.
   */
  readonly enterprise?: boolean;
  /** Checks the runtime's extractors make before the handler (see `RouteExtract`); none when omitted. */
  readonly extract?: RouteExtract;
  /**
   * Produces the response. May throw an `HttpError` (sent as `{ error, code, details }`, `details`
   * `null` unless given); any other exception becomes a 500 `INTERNAL_ERROR`.
   */
  readonly handler: (req: RouteRequest, state: State) => RouteResponse | Promise<RouteResponse>;
}
