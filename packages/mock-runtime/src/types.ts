/** Public types of `@symbiont/mock-runtime`. */

/** Options of `startMockRuntime`. */
export interface MockRuntimeOptions {
  /** Port to listen on; 0 or omitted: any free port. */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /**
   * When set, every route but `/health`, `/health/live`, `/health/ready` and
   * `/.well-known/schemapin.json` (and CORS preflights) requires `Authorization: Bearer <apiKey>`;
   * otherwise 401 with an empty body and no `WWW-Authenticate`, as the runtime answers. Unset: open
   * (the runtime has no such mode).
   */
  apiKey?: string | undefined;
  /** Time each automatic review step takes, in ms. Default 200. */
  reviewDelayMs?: number | undefined;
  /**
   * Default true: also serve the Enterprise / hosted APIs (tool review, secrets, MCP, knowledge,
   * DSL, agent metrics, channels). False: serve only what the open-source runtime v1.19 serves, so
   * an Enterprise route answers as there: 404 with an empty body, or 405 where its path matches a
   * runtime route with other methods (`POST /agents/deploy`).
   */
  enterprise?: boolean | undefined;
  /**
   * Default off. When set, the runtime's per-IP token bucket: this many requests a minute (and a
   * burst as large; the runtime uses 100), every route counted, `/health` and CORS preflights
   * included; past it 429 with an empty body, no `Retry-After` and no CORS headers.
   */
  rateLimitPerMinute?: number | undefined;
  /**
   * `GET /health/ready` answers 503 (empty body) for this long after start, then 200. Default 0:
   * ready at once. The runtime is not ready for its first 5 s (`readyAfterMs: 5000` imitates it).
   */
  readyAfterMs?: number | undefined;
  /** When set, the HTTP Input listener (`webhookUrl`) also requires a valid `X-Hub-Signature-256: sha256=<hex>` (HMAC-SHA256 of the body). */
  webhookSecret?: string | undefined;
  /** Serve `/ws/chat` with a scripted coordinator (see `chat.ts` for the words that steer it). Default true. */
  chat?: boolean | undefined;
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
 *   else an empty body. The standard headers (`content-type: application/json` when there is a
 *   body, CORS, the runtime's security headers) are still sent; `headers` may override them.
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
 * Called with every request (after it is recorded and rate-limited, before routing and auth; CORS
 * preflights excepted). Return a `FaultResponse` to override the answer, or `undefined` to handle it normally.
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
  /**
   * The HTTP Input listener's URL, e.g. `http://127.0.0.1:PORT2/webhook`: its own port, like the
   * runtime's (see `http-input.ts` for what it checks and the payload fields that script its answer).
   * Its requests are recorded in `requests` too, with their full path (`/webhook/ops-agent`).
   */
  readonly webhookUrl: string;
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
