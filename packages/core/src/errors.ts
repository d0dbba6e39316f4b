/**
 * Every error the SDK raises. One class per failure kind, all extending {@link SymbiontError}.
 *
 * `instanceof` works across two installed copies of `@symbiont/core`: each instance carries the
 * names of the classes it belongs to under a registry symbol, and every class checks that list.
 */

const KINDS = Symbol.for('@symbiont/core/error-kinds');

/** The request an error came from: method and URL only (never headers or body). */
export interface RequestSummary {
  readonly method: string;
  readonly url: string;
}

/** The base of every error the SDK throws (an abort is not one: it rejects with the signal's reason). */
export class SymbiontError extends Error {
  /** Stable name of this error class, used for cross-copy `instanceof` and as `name`. */
  static readonly errorName: string = 'SymbiontError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return !!(value as { [KINDS]?: string[] } | null)?.[KINDS]?.includes(this.errorName);
  }

  /**
   * @param message What went wrong.
   * @param fields The subclass's own fields, assigned to the instance.
   * @param options `cause`, where there is one.
   */
  constructor(message: string, fields?: object, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let c = new.target as typeof SymbiontError; c.errorName; c = Object.getPrototypeOf(c)) {
      if (!kinds.includes(c.errorName)) kinds.push(c.errorName);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
    Object.defineProperty(this, 'name', { value: kinds[0], configurable: true, writable: true });
    Object.assign(this, fields);
  }
}

/** Fields every HTTP error is made from. */
export interface APIErrorInit {
  status: number;
  responseText: string;
  body: unknown;
  headers: Record<string, string>;
  request: RequestSummary;
  operation: string;
  retryAfterMs?: number | undefined;
  /** What went wrong, when the SDK knows better than the body (an empty 404 or 405, a 401, a redirect). */
  reason?: string | undefined;
}

/** The runtime answered with a non-2xx status. */
export class APIError extends SymbiontError {
  static override readonly errorName: string = 'APIError';
  /** HTTP status code. */
  declare readonly status: number;
  /** The raw response body, cut at 64 KiB with a marker. */
  declare readonly responseText: string;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  declare readonly body: unknown;
  /** Response headers, lower-case names. */
  declare readonly headers: Record<string, string>;
  /** The `x-request-id` response header, when present. */
  declare readonly requestId: string | undefined;
  /** The runtime's `code` from a `{ error, code, details }` body, when present. */
  declare readonly code: string | undefined;
  /** The runtime's `details` from a `{ error, code, details }` body, when present. */
  declare readonly details: unknown;
  /** Method and URL of the failed request. */
  declare readonly request: RequestSummary;
  /** The SDK function that made the request. */
  declare readonly operation: string;

  constructor({ reason, ...init }: APIErrorInit) {
    const body = (init.body ?? {}) as { error?: unknown; message?: unknown; code?: unknown; details?: unknown };
    const code = typeof body.code == 'string' ? body.code : undefined;
    reason ??= typeof body.error == 'string' ? body.error
      : typeof body.message == 'string' ? body.message
      : init.responseText.slice(0, 200) || 'no response body';
    super(
      `${init.operation}: ${init.request.method} ${init.request.url} failed with ${init.status}: ${reason}${code ? ` (${code})` : ''}`,
      { ...init, requestId: init.headers['x-request-id'], code, details: body.details },
    );
  }
}

/** 401: the API key is missing, wrong or expired; the message says whether one was sent. */
export class AuthenticationError extends APIError {
  static override readonly errorName: string = 'AuthenticationError';
}

/** 403: the API key may not do this (`ADMIN_REQUIRED`, `AGENT_SCOPE_DENIED`). */
export class PermissionDeniedError extends APIError {
  static override readonly errorName: string = 'PermissionDeniedError';
}

/**
 * 404: the resource does not exist or, with an empty body, the runtime has no such route (the
 * message then says that this runtime does not serve `METHOD /path`).
 */
export class NotFoundError extends APIError {
  static override readonly errorName: string = 'NotFoundError';
}

/** 409: the request conflicts with the resource's state (`already_resolved`). */
export class ConflictError extends APIError {
  static override readonly errorName: string = 'ConflictError';
}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  static override readonly errorName: string = 'RateLimitError';
  /** How long the runtime asked us to wait (from `Retry-After`), in ms, when it said. */
  declare readonly retryAfterMs: number | undefined;
}

/** The request could not be made, or the connection broke. The underlying error is `cause`. */
export class ConnectionError extends SymbiontError {
  static override readonly errorName: string = 'ConnectionError';
}

/** A per-attempt `timeout` (`kind: 'attempt'`) or the `totalTimeout` (`kind: 'total'`) ran out. */
export class TimeoutError extends SymbiontError {
  static override readonly errorName: string = 'TimeoutError';
  /** Which limit was hit. */
  declare readonly kind: 'attempt' | 'total';

  constructor(message: string, kind: 'attempt' | 'total', options?: { cause?: unknown }) {
    super(message, { kind }, options);
  }
}

/** One problem found in a value: where (`path`, dotted, empty for the root) and what was expected. */
export interface ValidationIssue {
  readonly path: string;
  readonly expected: string;
  readonly message: string;
}

/** Bad input, found before anything was sent. */
export class ValidationError extends SymbiontError {
  static override readonly errorName: string = 'ValidationError';
  /** The SDK function that refused the input. */
  declare readonly operation: string;
  /** Every problem found. */
  declare readonly issues: readonly ValidationIssue[];

  constructor(operation: string, issues: readonly ValidationIssue[]) {
    super(`${operation}: invalid input: ${issues.map((i) => i.message).join('; ')}`, { operation, issues });
  }
}

/** A 2xx response whose body is not JSON, does not fit the schema, or is larger than `maxResponseBytes`. */
export class ResponseValidationError extends SymbiontError {
  static override readonly errorName: string = 'ResponseValidationError';
  /** HTTP status code. */
  declare readonly status: number;
  /** The raw response body, cut at 64 KiB with a marker. */
  declare readonly responseText: string;
  /** Every problem found (empty when the body was not JSON at all). */
  declare readonly issues: readonly ValidationIssue[];

  constructor(message: string, status: number, responseText: string, issues: readonly ValidationIssue[] = [], options?: { cause?: unknown }) {
    super(message, { status, responseText, issues }, options);
  }
}

/** A bad `createContext` option or environment value. */
export class ConfigurationError extends SymbiontError {
  static override readonly errorName: string = 'ConfigurationError';
  /** The option (or environment variable) at fault. */
  declare readonly option: string;

  constructor(option: string, problem: string) {
    super(`${option} ${problem}`, { option });
  }
}
