/**
 * Mapping a failure to the SDK's error: an HTTP status to its `APIError` class (with the message
 * the contract asks for), a timeout to `TimeoutError`, anything else to `ConnectionError`. Every
 * text that came from the server or the network is redacted, the `cause` chain included.
 */
import {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SymbiontError,
  TimeoutError,
} from '../errors.ts';
import { parseRetryAfter } from './retryPolicy.ts';

/** `responseText` is cut to this many characters. */
const MAX_TEXT = 65_536;

/** Cut a text to 64 KiB with a marker saying how much was dropped. */
export const capText = (text: string): string =>
  text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…[truncated ${text.length - MAX_TEXT} characters]` : text;

/** What {@link toError} needs to know about the call. */
export interface Failing {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  /** The URL's path after the base URL, without the query. */
  readonly path: string;
  readonly redact: (text: string) => string;
  /** Whether an `Authorization` header was sent. */
  readonly keySent: boolean;
  /** Whether the total deadline has run out. */
  readonly totalSpent: boolean;
  /** Whether the last attempt had its response headers and was reading the body. */
  readonly reading: boolean;
  /** Whether the last attempt's timeout (or the total deadline) ran out. */
  readonly timedOut: boolean;
}

/**
 * A copy of an error chain whose messages and stacks are redacted (the original when there is
 * nothing to cut): a network library's error may quote a header or the URL.
 */
export function scrub(error: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 8) return error;
  const cause = scrub(error.cause, redact, depth + 1);
  const message = redact(error.message);
  if (message == error.message && redact(`${error.stack}`) == `${error.stack}` && cause === error.cause) return error;
  const copy = new Error(message, { cause });
  Object.defineProperties(copy, {
    name: { value: error.name },
    stack: { value: redact(`${error.stack}`) },
    code: { value: (error as { code?: unknown }).code },
  });
  return copy;
}

/**
 * The SDK error for a failed call: `failure` is the non-2xx `Response` (its body already read as
 * `raw`) or what was thrown. Errors the SDK made already (a body past the cap) pass through.
 */
export function toError(failure: unknown, call: Failing, raw = ''): SymbiontError {
  const { operation, method, url, path, redact } = call;
  if (failure instanceof SymbiontError) return failure;
  const where = `${operation}: ${method} ${url}`;
  if (failure instanceof Response) {
    const { status, headers } = failure;
    const text = redact(raw);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: `body` stays undefined, `responseText` has it
    }
    const said = (body as { error?: unknown } | undefined)?.error;
    const location = headers.get('location');
    const reason = status == 401
      ? `${typeof said == 'string' ? `${said}: ` : ''}${call.keySent ? 'the API key was refused' : 'no API key was sent: set apiKey or SYMBIONT_API_KEY'}`
      : !text && (status == 404 || status == 405) ? `this runtime does not serve ${method} ${path}`
      : status == 0 ? 'the browser hid a redirect, which the SDK does not follow'
      : status < 400 && location !== null
        ? `redirect to ${location} not followed (only up to 5 redirects within the same origin are)`
        : undefined;
    const init = {
      status,
      responseText: capText(text),
      body,
      headers: Object.fromEntries([...headers].map(([name, value]) => [name, redact(value)])),
      request: { method, url },
      operation,
      reason,
    };
    const Class = ({ 401: AuthenticationError, 403: PermissionDeniedError, 409: ConflictError, 429: RateLimitError } as Record<number, typeof APIError>)[status]
      ?? (status == 404 ? NotFoundError : APIError);
    return new Class(status == 429 ? { ...init, retryAfterMs: parseRetryAfter(headers.get('retry-after')) } : init);
  }
  if (call.timedOut) {
    const total = call.totalSpent;
    return new TimeoutError(`${where} timed out${call.reading ? ' reading the response body' : ''} (${total ? 'totalTimeout' : 'timeout'} reached)`, total ? 'total' : 'attempt', { cause: scrub(failure, redact) });
  }
  // undici hides the useful part ("ECONNREFUSED", "other side closed") one level down.
  const cause = scrub(failure, redact) as Error | undefined;
  const inner = cause?.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = inner?.code ?? inner?.message;
  return new ConnectionError(redact(`${where} failed: ${cause?.message ?? cause}${detail ? ` (${detail})` : ''}`), undefined, { cause });
}
