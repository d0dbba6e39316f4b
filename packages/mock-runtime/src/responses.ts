/** Helpers every domain uses to build responses and errors in the contract's `{ error, code }` shape. */
import type { RouteResponse } from './routes.ts';

/** The runtime's error body: `{ error, code, details? }`. */
export interface ErrorBody {
  readonly error: string;
  readonly code: string;
  readonly details?: unknown;
}

/**
 * An error a handler throws to answer with `status` and `{ error: message, code, details? }`.
 * Example: `throw new HttpError(404, 'NOT_FOUND', \`agent ${id} not found\`)`.
 */
export class HttpError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** Machine-readable code (`NOT_FOUND`, `VALIDATION_ERROR`, `CONFLICT`, ...). */
  readonly code: string;
  /** Optional extra information, sent as `details`. */
  readonly details: unknown;
  /** Extra response headers (e.g. `Allow` on a 405). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options?: { details?: unknown; headers?: Record<string, string> },
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = options?.details;
    this.headers = options?.headers;
  }

  /** This error as a route response. */
  toResponse(): RouteResponse {
    return { status: this.status, body: errorBody(this.code, this.message, this.details), headers: this.headers };
  }
}

/** Builds `{ error: message, code }`, adding `details` only when given. */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: message, code } : { error: message, code, details };
}

/** A JSON response with `status` (default 200). */
export function json(body: unknown, status = 200, headers?: Record<string, string>): RouteResponse {
  return { status, body, headers };
}

/** A 404 `NOT_FOUND` error naming what was not found (`notFound('agent', id)`). */
export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', `${what} '${id}' not found`);
}
