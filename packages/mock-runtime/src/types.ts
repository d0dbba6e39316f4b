/** Public types of `@symbiont/mock-runtime`. */

/** Options of `startMockRuntime`. */
export interface MockRuntimeOptions {
  /** Port to listen on; 0 or omitted: any free port. */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /**
   * When set, every route but `/health` and `/.well-known/schemapin.json` (and CORS preflights)
   * requires `Authorization: Bearer <apiKey>`; otherwise 401 `{ error: "unauthorized", code: "UNAUTHORIZED" }`.
   */
  apiKey?: string | undefined;
  /** Time each automatic review step takes, in ms. Default 200. */
  reviewDelayMs?: number | undefined;
}

/** One request the server received, as recorded in `MockRuntime.requests`. */
export interface RecordedRequest {
  /** The request method, upper case. */
  readonly method: string;
  /**
   * The path after the `/api/v1` base, still percent-encoded, without the query
   * (`/agents/a%2Fb/status`). Requests outside the base (`/.well-known/schemapin.json`) keep their full path.
   */
  readonly path: string;
  /** Query parameters (the last value wins when a name repeats). */
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body; `undefined` when there was none or it was not valid JSON. */
  readonly body: unknown;
  /** Request headers, lower-case names (repeated headers joined with `, `). Beyond the contract. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What a fault handler returns to override the normal answer to one request. All fields optional:
 * - `delayMs`: wait this long first (to trigger client timeouts);
 * - `destroy`: then destroy the connection without answering (a network error for the client);
 * - `status`: then answer with this status instead of running the route, with `headers` added
 *   (e.g. `{ 'retry-after': '1' }`) and as body `rawBody` verbatim if given, else `body` as JSON,
 *   else an empty body. The standard headers (`x-request-id`, `content-type: application/json`,
 *   CORS) are still sent; `headers` may override them.
 * With neither `destroy` nor `status` the request is handled normally after the delay.
 */
export interface FaultResponse {
  status?: number | undefined;
  body?: unknown;
  headers?: Readonly<Record<string, string>> | undefined;
  rawBody?: string | Uint8Array | undefined;
  delayMs?: number | undefined;
  destroy?: boolean | undefined;
}

/**
 * Called with every request (after it is recorded, before auth and routing; CORS preflights
 * excepted). Return a `FaultResponse` to override the answer, or `undefined` to handle it normally.
 */
export type FaultHandler = (request: RecordedRequest) => FaultResponse | undefined;

/** What `MockRuntime.holdAction` takes: an action to hold for approval, as an agent's policy gate would. */
export interface HoldActionInput {
  agent_id: string;
  /** `tool_call` (default), `delegate`, `schedule`, `other` (any string is kept as given). */
  kind?: string | undefined;
  summary: string;
  /** Why it is held. Default `"policy requires human approval"`. */
  reason?: string | undefined;
  /** Any JSON; default `null`. */
  context_snapshot?: unknown;
  /** Time until it expires denied, in ms. Default 300,000. */
  expiresInMs?: number | undefined;
}

/** A held action as `GET /approvals` lists it (date-times as ISO-8601 strings, as on the wire). */
export interface HeldAction {
  /** 16 hex characters. */
  id: string;
  agent_id: string;
  kind: string;
  summary: string;
  reason: string;
  context_snapshot: unknown;
  created_at: string;
  expires_at: string;
  status: 'pending';
}

/** A running mock runtime, returned by `startMockRuntime`. */
export interface MockRuntime {
  /** The base URL including `/api/v1`, e.g. `http://127.0.0.1:PORT/api/v1`. */
  readonly url: string;
  /** PEM (SPKI) of the ECDSA P-256 key that signs approved tools. */
  readonly publicKey: string;
  /** Every request received, in order (see `RecordedRequest`). A live view: it grows as requests arrive. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** Empties `requests`. Beyond the contract. */
  clearRequests(): void;
  /**
   * Installs a fault handler (replacing any previous one), or removes it when called without one.
   * Example, the next two requests answer 503 with `Retry-After: 1`, then normal service:
   * ```ts
   * let left = 2;
   * mock.setFault(() => (left-- > 0 ? { status: 503, headers: { 'retry-after': '1' }, body: { error: 'busy', code: 'UNAVAILABLE' } } : undefined));
   * ```
   */
  setFault(handler?: FaultHandler): void;
  /** Number of open TCP connections (keep-alive sockets included). Beyond the contract. */
  connections(): number;
  /** Holds an action for approval (listed by `GET /approvals` until approved, denied or expired denied); returns it. */
  holdAction(action: HoldActionInput): HeldAction;
  /** Stops the server: cancels pending timers and destroys every open socket, so it never hangs. Idempotent. */
  close(): Promise<void>;
}
