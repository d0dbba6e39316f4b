/**
 * The retry decision: which failures are tried again, after how long, and which are final (the
 * contract's "Context and per-call options").
 */

/** Statuses retried for idempotent requests (a 500 only without the runtime's JSON error body). */
export const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
/** Longest `Retry-After` honoured, in ms; a longer one fails at once. */
export const MAX_RETRY_AFTER = 60_000;
/** First back-off delay, in ms; each retry doubles it up to {@link BACKOFF_CAP}. */
export const BACKOFF_BASE = 500;
/** Longest back-off delay, in ms. */
export const BACKOFF_CAP = 8_000;

/** The exponential back-off before retry `n` (1-based), before jitter. */
export const backoff = (n: number): number => Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (n - 1));

/** Bounded jitter: a delay `d` becomes a uniform value in `[d/2, d]`. */
export const jitter = (delay: number): number => delay / 2 + (Math.random() * delay) / 2;

/**
 * Parse `Retry-After` (delta seconds or an HTTP date) into ms, or `undefined`: when it is absent,
 * invalid, or not in the future (`0`, a negative number, a past date), which then must not make a
 * retry instant: the normal back-off applies.
 */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (value == null) return undefined;
  const ms = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return ms > 0 ? ms : undefined;
}

/** Whether an error body is the runtime's own `{ error, code }`: a deterministic failure. */
export function isRuntimeError(text: unknown): boolean {
  try {
    const body = JSON.parse(text as string);
    return typeof body?.error == 'string' && typeof body.code == 'string';
  } catch {
    return false;
  }
}

/**
 * How long to wait before retrying an attempt that failed, or `undefined` when it must not be
 * retried. Retried: network errors and per-attempt timeouts (no `response`, `transient`), and 408, 429, 502, 503, 504 and a 500, except a 5xx carrying the runtime's JSON error
 * body (`text`): the runtime answers 500 for deterministic failures. A `Retry-After` is honoured up
 * to `MAX_RETRY_AFTER` (60 s); a longer one, or one ending past the total deadline (`left` ms), is
 * final. Otherwise the exponential back-off of retry `n` with jitter.
 */
export function retryDelay(n: number, left: number, response: Response | undefined, text: string, transient: boolean): number | undefined {
  if (!response) return transient ? jitter(backoff(n)) : undefined;
  const { status } = response;
  if (!RETRY_STATUSES.includes(status) || (status >= 500 && isRuntimeError(text))) return undefined;
  const after = parseRetryAfter(response.headers.get('retry-after'));
  return after === undefined ? jitter(backoff(n)) : after > MAX_RETRY_AFTER || after >= left ? undefined : after;
}
