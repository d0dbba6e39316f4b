import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { AUTHORIZATION, fitsNumber, MAX_DELAY, type Context } from '../createContext.ts';
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  SymbiontError,
  TimeoutError,
  ValidationError,
} from '../errors.ts';
import type { CallOptions } from './options.ts';

/** Status codes retried for idempotent requests. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
/** Longest `Retry-After` honoured, in ms; a longer one is cut to this. */
export const MAX_RETRY_AFTER = 60_000;
/** First back-off delay, in ms; each retry doubles it up to {@link BACKOFF_CAP}. */
export const BACKOFF_BASE = 500;
/** Longest back-off delay, in ms. */
export const BACKOFF_CAP = 8_000;
/** `responseText` is cut to this many characters. */
const MAX_TEXT = 65_536;
/** Request-body fields whose values are credentials: redacted from anything an error carries. */
const CREDENTIAL_FIELDS = ['secret_value', 'token', 'secret_id', 'encryption_key'];

const now = (): number => performance.now();

/** The exponential back-off before retry `n` (1-based), before jitter. */
export const backoff = (n: number): number => Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (n - 1));

/** Bounded jitter: a delay `d` becomes a uniform value in `[d/2, d]`. */
export const jitter = (delay: number): number => delay / 2 + (Math.random() * delay) / 2;

/** Parse `Retry-After` (delta seconds or an HTTP date) into ms, or `undefined`. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Cut a text to 64 KiB with a marker saying how much was dropped. */
export const capText = (text: string): string =>
  text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…[truncated ${text.length - MAX_TEXT} characters]` : text;

/** What an operation adds to a send beyond the per-call options. */
export interface SendExtra {
  /** Credential values of this request, redacted from everything an error or log carries. */
  readonly credentials?: readonly string[] | undefined;
  /** `false`: never retried, whatever the per-call options say. */
  readonly retry?: false | undefined;
}

/** What one HTTP exchange produced: the final response and its body text. */
export interface Sent {
  readonly response: Response;
  readonly text: string;
  /** Cuts the API key and the request's credentials out of a text meant for an error. */
  readonly redact: (text: string) => string;
}

/**
 * The one function that does every HTTP call of every package, on ky: headers and auth, the
 * per-attempt and total timeouts (covering the body read), retries with back-off, jitter and
 * `Retry-After`, hooks, the response-size cap, and mapping every failure to an SDK error.
 *
 * `body` is an already-validated JSON value (sent with `JSON.stringify`) or `undefined`.
 * An abort rejects with the signal's reason, as `fetch` does.
 * @internal
 */
export async function send(
  ctx: Context,
  operation: string,
  method: string,
  url: string,
  body: unknown,
  options: CallOptions = {},
  extra: SendExtra = {},
): Promise<Sent> {
  const { signal, idempotencyKey } = options;
  // Per-call options are checked like the context's, before anything is sent.
  const bad = (['timeout', 'totalTimeout', 'maxRetries'] as const).find((key) => options[key] !== undefined && !fitsNumber(options[key], key == 'maxRetries'));
  if (bad) {
    const expected = bad == 'maxRetries' ? 'a non-negative integer' : `a positive number of milliseconds up to ${MAX_DELAY}`;
    throw new ValidationError(operation, [{ path: `options.${bad}`, expected, message: `options.${bad}: expected ${expected}` }]);
  }
  signal?.throwIfAborted();
  const timeout = options.timeout ?? ctx.timeout;
  const total = options.totalTimeout ?? ctx.totalTimeout;
  const retry = extra.retry !== false && (options.retry ?? (method != 'POST' || idempotencyKey !== undefined));
  const { beforeRequest, afterResponse, beforeRetry } = ctx.hooks;
  const { log } = ctx;
  const info = { operation };

  const headers: Record<string, string> = { accept: 'application/json', ...ctx.headers };
  for (const name in options.headers) headers[name.toLowerCase()] = options.headers[name]!;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;

  const authorization = (ctx as { [AUTHORIZATION]?: () => string })[AUTHORIZATION]?.();
  // The API key and any credential in the body never reach an error: they are cut from every text.
  const secrets: string[] = authorization ? [authorization.slice(7)] : [];
  for (const secret of extra.credentials ?? []) if (secret) secrets.push(secret);
  if (body && typeof body == 'object') {
    for (const value of [body, ...Object.values(body)]) {
      for (const field of CREDENTIAL_FIELDS) {
        const secret = (value as Record<string, unknown> | null)?.[field];
        if (typeof secret == 'string' && secret) secrets.push(secret);
      }
    }
  }
  const redact = (text: string): string => secrets.reduce((out, secret) => out.replaceAll(secret, '[REDACTED]'), text);

  const started = now();
  let attemptStarted = started;
  let retries = 0;
  const failure = (message: string, error: unknown): SymbiontError => {
    if (error instanceof SymbiontError) return error;
    const where = `${operation}: ${method} ${url}`;
    if (isHTTPError(error)) {
      const { response } = error;
      const { status } = response;
      const text = redact(typeof error.data == 'string' ? error.data : '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: `body` stays undefined, `responseText` has it
      }
      const init = {
        status,
        responseText: capText(text),
        body: parsed,
        headers: Object.fromEntries(response.headers),
        request: { method, url },
        operation,
      };
      return status == 401 ? new AuthenticationError(init)
        : status == 404 ? new NotFoundError(init)
        : status == 429 ? new RateLimitError({ ...init, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) })
        : new APIError(init);
    }
    if (isTimeoutError(error) || error === TIMED_OUT) {
      const kind = total !== undefined && now() - started >= total - 1 ? 'total' : 'attempt';
      return new TimeoutError(`${where} ${message} (${kind == 'total' ? 'totalTimeout' : 'timeout'} reached)`, kind, { cause: error });
    }
    // undici hides the useful part ("ECONNREFUSED", "other side closed") one level down.
    const cause = isNetworkError(error) ? error.cause ?? error : error;
    const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
    return new ConnectionError(
      redact(`${where} failed: ${(cause as Error | undefined)?.message ?? cause}${inner ? ` (${inner.code ?? inner.message})` : ''}`),
      undefined,
      { cause },
    );
  };
  const line = (response: Response): void => {
    const id = response.headers.get('x-request-id');
    log?.(`[symbiont] ${operation} ${method} ${url} -> ${response.status} in ${Math.round(now() - started)}ms${id ? ` (request id ${id})` : ''}${retries ? ` after ${retries} retries` : ''}`);
  };

  let response: Response;
  try {
    response = await ky(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      timeout,
      totalTimeout: total ?? false,
      // Error bodies stay raw text: `responseText` is exact, `body` is parsed from it.
      parseJson: (text) => text,
      // Authorization is added here, after every hook, so no hook or error ever sees it.
      fetch: (request, init) => {
        attemptStarted = now();
        if (authorization) {
          const withAuth = new Headers((request as Request).headers);
          withAuth.set('authorization', authorization);
          init = { ...init, headers: withAuth };
        }
        return (ctx.fetch ?? fetch)(request, init);
      },
      retry: {
        limit: retry ? options.maxRetries ?? ctx.maxRetries : 0,
        // ky retries GET, PUT, DELETE and HEAD by default; a POST only when this call allows it.
        methods: method == 'POST' ? ['post'] : undefined,
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: RETRY_STATUSES,
        maxRetryAfter: MAX_RETRY_AFTER,
        backoffLimit: BACKOFF_CAP,
        delay: backoff,
        jitter,
        retryOnTimeout: true,
        // A Retry-After that would end past the deadline fails now instead of sleeping into it.
        shouldRetry: ({ error }) => {
          const after = total !== undefined && isHTTPError(error) ? parseRetryAfter(error.response.headers.get('retry-after')) : undefined;
          return after !== undefined && now() - started + Math.min(after, MAX_RETRY_AFTER) >= total! ? false : undefined;
        },
      },
      // Hooks cost ky work on every call: they are passed only when there is one to run.
      hooks: beforeRequest || afterResponse || beforeRetry || log
        ? {
          beforeRequest: beforeRequest ? [({ request }) => beforeRequest(request, info)] : [],
          afterResponse: afterResponse ? [({ request, response }) => afterResponse(request, response, info)] : [],
          beforeRetry: [async ({ request, error, retryCount }) => {
            retries = retryCount;
            log?.(`[symbiont] ${operation} retry ${retryCount} after ${isHTTPError(error) ? `status ${error.response.status}` : error.name}`);
            await beforeRetry?.({ request, error: failure('timed out', error), retryCount });
          }],
        }
        : undefined,
    });
  } catch (error) {
    if (isHTTPError(error)) line(error.response);
    throw signal?.aborted ? signal.reason : failure('timed out', error);
  }
  line(response);

  // The body read is timed too: what is left of this attempt's timeout, and of the total.
  try {
    const ms = Math.min(timeout - (now() - attemptStarted), total === undefined ? Infinity : total - (now() - started));
    return { response, text: await readText(response, ctx.maxResponseBytes, ms, operation), redact };
  } catch (error) {
    throw signal?.aborted ? signal.reason : failure('timed out reading the response body', error);
  }
}

const TIMED_OUT = Symbol('timed out');

/** Read a body as text within `ms`, refusing more than `maxBytes`. */
async function readText(response: Response, maxBytes: number, ms: number, operation: string): Promise<string> {
  const tooLarge = (): never => {
    void response.body?.cancel().catch(() => undefined);
    throw new ResponseValidationError(`${operation}: response body larger than maxResponseBytes (${maxBytes} bytes)`, response.status, '');
  };
  const length = response.headers.get('content-length');
  if (Number(length) > maxBytes) tooLarge();
  if (!response.body) return '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT);
  });
  // With a declared length (checked above, and enforced by fetch) the body is read in one go.
  if (length !== null) {
    try {
      const text = await Promise.race([response.text(), timedOut]);
      if (text === TIMED_OUT) {
        void response.body.cancel().catch(() => undefined);
        throw TIMED_OUT;
      }
      return text;
    } finally {
      clearTimeout(timer);
    }
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const result = await Promise.race([reader.read(), timedOut]);
      if (result === TIMED_OUT) throw TIMED_OUT;
      if (result.done) break;
      if ((size += result.value.byteLength) > maxBytes) tooLarge();
      chunks.push(result.value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}
