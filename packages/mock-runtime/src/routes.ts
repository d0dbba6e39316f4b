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

/** What a route handler returns. `body` is sent as JSON; `undefined` sends an empty body. */
export interface RouteResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>> | undefined;
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
   * Produces the response. May throw an `HttpError` (sent as `{ error, code, details? }`); any other
   * exception becomes a 500 `INTERNAL_ERROR`.
   */
  readonly handler: (req: RouteRequest, state: State) => RouteResponse | Promise<RouteResponse>;
}
