/** Helpers every domain uses to build responses and errors in the runtime's `{ error, code, details }` shape. */
import type { RouteResponse } from './routes.ts';

/** The error body: `{ error, code, details }` (the runtime always writes `details`, usually `null`). */
export interface ErrorBody {
  readonly error: string;
  readonly code: string;
  readonly details?: unknown;
}

/**
 * An error a handler throws to answer with `status` and `{ error: message, code, details }`, or,
 * with `plain: true`, with `message` alone as `text/plain` (the runtime's extractor errors).
 * Example: `throw new HttpError(404, 'AGENT_NOT_FOUND', \`Internal error: Agent ${id} not found\`)`.
 */
export class HttpError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** Machine-readable code (`AGENT_NOT_FOUND`, `VALIDATION_ERROR`, ...). */
  readonly code: string;
  /** Sent as `details` (left out when `undefined`: the Enterprise domains' errors). */
  readonly details: unknown;
  /** Extra response headers. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** Answer `message` as `text/plain` instead of the JSON error body. */
  readonly plain: boolean;

  constructor(
    status: number,
    code: string,
    message: string,
    options?: { details?: unknown; headers?: Record<string, string>; plain?: boolean },
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = options?.details;
    this.headers = options?.headers;
    this.plain = options?.plain === true;
  }

  /** This error as a route response. */
  toResponse(): RouteResponse {
    if (this.plain) return { status: this.status, text: this.message, headers: this.headers };
    return { status: this.status, body: errorBody(this.code, this.message, this.details), headers: this.headers };
  }
}

/** Builds `{ error: message, code }`, adding `details` when given (`null` included, as the runtime writes it). */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: message, code } : { error: message, code, details };
}

/**
 * A handler error of a route the runtime serves: `{ error, code, details: null }` with `status`.
 * Every domain the open-source runtime serves throws these (not `notFound`).
 */
export function runtimeError(status: number, code: string, message: string): HttpError {
  return new HttpError(status, code, message, { details: null });
}

/** The runtime's 422 for a JSON body of the wrong shape (`text/plain`, from its JSON extractor). */
export function unprocessable(reason: string): HttpError {
  return new HttpError(422, '', `Failed to deserialize the JSON body into the target type: ${reason}`, { plain: true });
}

/** A JSON response with `status` (default 200). */
export function json(body: unknown, status = 200, headers?: Record<string, string>): RouteResponse {
  return { status, body, headers };
}

/** A 404 `NOT_FOUND` error naming what was not found (`notFound('agent', id)`), for the Enterprise domains. */
export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', `${what} '${id}' not found`);
}
