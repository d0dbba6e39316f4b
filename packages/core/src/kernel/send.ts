import ky, { isHTTPError, isNetworkError, isTimeoutError, type HTTPError, type Options as KyOptions } from 'ky';
import { AUTHORIZATION, type Context } from '../createContext.ts';
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  SymbiontError,
  TimeoutError,
  type APIErrorInit,
} from '../errors.ts';
import type { CallOptions } from './options.ts';

/** Status codes retried for idempotent requests. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
/** Longest `Retry-After` honoured, in ms; a longer one is cut to this. */
export const MAX_RETRY_AFTER = 60_000;
/** First back-off delay and its cap, in ms. Each retry doubles it; jitter keeps 50–100 % of it. */
export const BACKOFF_BASE = 500;
export const BACKOFF_CAP = 8_000;
/** `responseText` is cut to this many characters. */
const MAX_TEXT = 64 * 1024;
/** Body fields whose values are credentials: redacted from anything an error carries. */
const CREDENTIAL_FIELDS = ['secret_value', 'token', 'secret_id', 'encryption_key', 'api_key', 'password'];

const now = (): number => performance.now();

/** The exponential back-off before retry `n` (1-based), before jitter. */
export const backoff = (n: number): number => Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (n - 1));

/** Bounded jitter: a delay `d` becomes a uniform value in `[d/2, d]`. */
export const jitter = (delay: number): number => delay / 2 + (Math.random() * delay) / 2;

/** Parse `Retry-After` (delta seconds or an HTTP date) into ms, or `undefined`. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** What one HTTP exchange produced: the final response and its body text. */
export interface Sent {
  readonly response: Response;
  readonly text: string;
}

/** A body to send: already-validated JSON value (sent with `JSON.stringify`), or nothing. */
export type Body = unknown;

/**
 * The one function that does every HTTP call of every package, on ky: headers and auth, the
 * per-attempt and total timeouts (covering the body read), retries with back-off, jitter and
 * `Retry-After`, hooks, the response-size cap, and mapping every failure to an SDK error.
 *
 * An abort rejects with the signal's reason, as `fetch` does.
 * @internal
 */
export async function send(
  ctx: Context,
  operation: string,
  method: string,
  url: string,
  body: Body,
  options: CallOptions = {},
): Promise<Sent> {
  const { signal } = options;
  signal?.throwIfAborted();
  const timeout = options.timeout ?? ctx.timeout;
  const totalTimeout = options.totalTimeout ?? ctx.totalTimeout;
  const idempotent = method !== 'POST' || options.retry === true || options.idempotencyKey !== undefined;
  const maxRetries = options.retry === false || !idempotent ? 0 : options.maxRetries ?? ctx.maxRetries;

  const headers: Record<string, string> = { accept: 'application/json', ...ctx.headers };
  for (const name in options.headers) headers[name.toLowerCase()] = options.headers[name]!;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;

  const started = now();
  let attemptStarted = started;
  let retries = 0;
  const authorization = (ctx as { [AUTHORIZATION]?: () => string })[AUTHORIZATION]?.();
  const redact = redactor(authorization, body);
  const baseFetch = ctx.fetch ?? globalThis.fetch;
  const info = { operation };
  const { beforeRequest, afterResponse, beforeRetry } = ctx.hooks;
  const log = ctx.log;

  const fail = (error: unknown): never => {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof SymbiontError) throw error;
    throw toSdkError(error, operation, method, url, totalTimeout !== undefined && now() - started >= totalTimeout - 1, redact);
  };

  const kyOptions: KyOptions = {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    timeout,
    totalTimeout: totalTimeout ?? false,
    throwHttpErrors: true,
    // Error bodies are kept as raw text: the SDK parses them itself so `responseText` is exact.
    parseJson: (text) => text,
    // The Authorization header is added here, after every hook, so no hook or error sees it.
    fetch: (input, init) => {
      attemptStarted = now();
      let request = input as Request;
      if (authorization) {
        const withAuth = new Headers(request.headers);
        withAuth.set('authorization', authorization);
        request = new Request(request, { headers: withAuth });
      }
      return baseFetch(request, init);
    },
    retry: {
      limit: maxRetries,
      methods: [method.toLowerCase()],
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: RETRY_STATUSES,
      maxRetryAfter: MAX_RETRY_AFTER,
      backoffLimit: BACKOFF_CAP,
      delay: backoff,
      jitter,
      retryOnTimeout: true,
      // A Retry-After that would end past the deadline fails now instead of sleeping into it.
      shouldRetry: ({ error }) => {
        if (totalTimeout === undefined || !isHTTPError(error)) return undefined;
        const after = parseRetryAfter(error.response.headers.get('retry-after'));
        if (after !== undefined && now() - started + Math.min(after, MAX_RETRY_AFTER) >= totalTimeout) return false;
        return undefined;
      },
    },
    hooks: {
      beforeRequest: beforeRequest ? [({ request }) => beforeRequest(request, info)] : [],
      afterResponse: afterResponse ? [({ request, response }) => afterResponse(request, response, info)] : [],
      beforeRetry: beforeRetry || log
        ? [async ({ request, error, retryCount }) => {
          retries = retryCount;
          log?.(`[symbiont] ${operation} retry ${retryCount} after ${describeFailure(error)}`);
          await beforeRetry?.({ request, error: toSdkError(error, operation, method, url, false, redact), retryCount });
        }]
        : [],
    },
  };

  let response: Response;
  try {
    response = await ky(url, kyOptions);
  } catch (error) {
    if (log && isHTTPError(error)) logLine(log, operation, method, url, error.response, started, retries);
    return fail(error);
  }
  if (log) logLine(log, operation, method, url, response, started, retries);

  // The body read is timed too: what is left of this attempt's timeout, and of the total.
  let left = timeout - (now() - attemptStarted);
  if (totalTimeout !== undefined) left = Math.min(left, totalTimeout - (now() - started));
  try {
    const text = await readText(response, ctx.maxResponseBytes, left, operation, redact);
    return { response, text };
  } catch (error) {
    if (error === TIMED_OUT) {
      const total = totalTimeout !== undefined && now() - started >= totalTimeout - 1;
      throw new TimeoutError(`${operation}: ${method} ${url} timed out reading the response body`, total ? 'total' : 'attempt');
    }
    return fail(error);
  }
}

const TIMED_OUT = Symbol('timed out');

/** Read a body as text within `ms`, refusing more than `maxBytes`. */
async function readText(response: Response, maxBytes: number, ms: number, operation: string, redact: (s: string) => string): Promise<string> {
  const tooLarge = (): never => {
    throw new ResponseValidationError(
      `${operation}: response body larger than maxResponseBytes (${maxBytes} bytes)`,
      response.status,
      '',
    );
  };
  if (Number(response.headers.get('content-length')) > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms), TIMED_OUT);
  });
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const result = await Promise.race([reader.read(), timedOut]);
      if (result === TIMED_OUT) {
        void reader.cancel().catch(() => undefined);
        throw TIMED_OUT;
      }
      if (result.done) break;
      size += result.value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        tooLarge();
      }
      chunks.push(result.value);
    }
    const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, size);
    return redact(new TextDecoder().decode(bytes));
  } finally {
    clearTimeout(timer);
  }
}

const concat = (chunks: Uint8Array[], size: number): Uint8Array => {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
};

/** A function that replaces the API key and any credential value of the request body with a marker. */
function redactor(authorization: string | undefined, body: unknown): (text: string) => string {
  const secrets: string[] = [];
  if (authorization) secrets.push(authorization.slice(7));
  const collect = (value: unknown, depth: number): void => {
    if (depth > 3 || value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && item.length >= 4 && CREDENTIAL_FIELDS.includes(key)) secrets.push(item);
      else collect(item, depth + 1);
    }
  };
  collect(body, 0);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('[REDACTED]'), text);
}

/** Cut a text to 64 KiB with a marker saying how much was dropped. */
export const capText = (text: string): string =>
  text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…[truncated ${text.length - MAX_TEXT} characters]` : text;

const describeFailure = (error: unknown): string =>
  isHTTPError(error) ? `status ${error.response.status}` : isTimeoutError(error) ? 'timeout' : 'network error';

function logLine(log: (line: string) => void, operation: string, method: string, url: string, response: Response, started: number, retries: number): void {
  const id = response.headers.get('x-request-id');
  log(`[symbiont] ${operation} ${method} ${url} -> ${response.status} in ${Math.round(now() - started)}ms${id ? ` (request id ${id})` : ''}${retries ? ` after ${retries} retries` : ''}`);
}

/** Map whatever ky or fetch threw into the SDK's error classes. */
function toSdkError(error: unknown, operation: string, method: string, url: string, total: boolean, redact: (s: string) => string): unknown {
  if (error instanceof SymbiontError) return error;
  if (isHTTPError(error)) return toApiError(error, operation, method, url, redact);
  if (isTimeoutError(error)) {
    return new TimeoutError(`${operation}: ${method} ${url} timed out (${total ? 'totalTimeout' : 'timeout'} reached)`, total ? 'total' : 'attempt', { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return error; // a caller's own signal in a hook
  const cause = isNetworkError(error) ? error.cause ?? error : error;
  // undici hides the useful part ("ECONNREFUSED", "other side closed") one level down.
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = inner ? ` (${String(inner.code ?? inner.message)})` : '';
  const reason = (cause instanceof Error ? cause.message : String(cause)) + detail;
  return new ConnectionError(`${operation}: ${method} ${url} failed: ${redact(reason)}`, { cause });
}

function toApiError(error: HTTPError, operation: string, method: string, url: string, redact: (s: string) => string): APIError {
  const { response } = error;
  const text = typeof error.data === 'string' ? redact(error.data) : '';
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const init: APIErrorInit = { status: response.status, responseText: capText(text), body, headers, request: { method, url }, operation };
  switch (response.status) {
    case 401: return new AuthenticationError(init);
    case 404: return new NotFoundError(init);
    case 429: return new RateLimitError({ ...init, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    default: return new APIError(init);
  }
}
