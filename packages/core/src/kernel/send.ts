import { AUTHORIZATION, fitsNumber, MAX_DELAY, type Context } from '../createContext.ts';
import { ValidationError } from '../errors.ts';
import { splitHeaders, validHeader } from './headers.ts';
import { describe } from './issues.ts';
import type { CallOptions } from './options.ts';
import { pause } from './polling.ts';
import { readBody } from './readBody.ts';
import { bodySecrets, redactor } from './redact.ts';
import { fetchFollowing } from './redirects.ts';
import { retryDelay } from './retryPolicy.ts';
import { isPlainObject } from './schemas.ts';
import { toError } from './toError.ts';

export { backoff, jitter, parseRetryAfter, BACKOFF_BASE, BACKOFF_CAP, MAX_RETRY_AFTER } from './retryPolicy.ts';
export { capText } from './toError.ts';

/** What an operation adds to a send beyond the per-call options. */
export interface SendExtra {
  /** Credential values of this request, redacted from everything an error or log carries. */
  readonly credentials?: readonly string[] | undefined;
  /** `false`: never retried, whatever the per-call options say. */
  readonly retry?: false | undefined;
  /** Statuses that are an answer, never retried (the operation's `answers`). */
  readonly answers?: readonly number[] | undefined;
}

/** What one HTTP exchange produced: the final response and its body text. */
export interface Sent {
  readonly response: Response;
  readonly text: string;
  /** Cuts the API key and the request's credentials out of a text meant for an error. */
  readonly redact: (text: string) => string;
}

const now = (): number => performance.now();

/** A per-call option that is bad, as `[path, expected, value?]`, checked before anything is sent. */
function badOption(options: CallOptions): [string, string, unknown?] | undefined {
  if (!isPlainObject(options as unknown)) return ['', 'a plain object', options];
  const { signal, headers } = options;
  // Duck-typed, so a signal from another realm (a test DOM, an iframe) still counts.
  if (signal !== undefined && typeof signal?.throwIfAborted != 'function') return ['signal', 'an AbortSignal', signal];
  if (headers !== undefined && !isPlainObject(headers)) return ['headers', 'a plain object', headers];
  for (const key of ['timeout', 'totalTimeout', 'maxRetries'] as const) {
    if (options[key] !== undefined && !fitsNumber(options[key], key == 'maxRetries')) {
      return [key, key == 'maxRetries' ? 'a non-negative integer' : `a positive number of milliseconds up to ${MAX_DELAY}`];
    }
  }
  for (const name in options.headers) {
    if (!validHeader(name, options.headers[name])) return [`headers.${name}`, 'a header name and a string value without CR, LF or NUL'];
  }
  const key = options.idempotencyKey;
  if (key !== undefined && (!key || !validHeader('k', key))) return ['idempotencyKey', 'a non-empty string without CR, LF or NUL'];
  return undefined;
}

/**
 * The one function that does every HTTP call of every package. It reads as the steps of a call:
 * check the per-call options; build the headers, credentials kept apart (`splitHeaders`);
 * gather the secrets to redact (`redactor`); then attempts, each sent through
 * `fetchFollowing` (the redirect rule) with its body read, capped, within the attempt's
 * timeout (`readBody`); `retryDelay` decides whether and when to try again, and
 * `toError` maps a failure to the SDK's error. One debug line per attempt and one per call.
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
  const bad = badOption(options);
  if (bad) {
    const [key, expected] = bad;
    const path = key ? `options.${key}` : 'options';
    throw new ValidationError(operation, [{ path, expected, message: `${path}: expected ${expected}${bad.length > 2 ? `, received ${describe(bad[2])}` : ''}` }]);
  }
  const { signal, idempotencyKey } = options;
  signal?.throwIfAborted();
  const timeout = options.timeout ?? ctx.timeout;
  const total = options.totalTimeout ?? ctx.totalTimeout ?? Infinity;
  const retries = extra.retry !== false && (options.retry ?? (method != 'POST' || idempotencyKey !== undefined)) ? options.maxRetries ?? ctx.maxRetries : 0;
  const { beforeRequest, afterResponse, beforeRetry } = ctx.hooks;
  const { log } = ctx;
  const info = { operation };

  const authorization = (ctx as { [AUTHORIZATION]?: () => string })[AUTHORIZATION]?.();
  const { visible, hidden, secrets } = splitHeaders(ctx.headers, options.headers, authorization ? { authorization } : undefined);
  const headers: Record<string, string> = { accept: 'application/json', ...visible };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  const redact = redactor([...secrets, ...bodySecrets(body), ...(extra.credentials ?? [])]);

  const started = now();
  const left = (): number => total - (now() - started);
  let attempt = 0;
  let reading = false;
  let timedOut = false;
  /** A debug line: an attempt's (`from` its start), or the call's (`from` the call's start, with the retries). */
  const line = (what: string, from: number, response?: Response): void => {
    const id = response?.headers.get('x-request-id');
    const retried = from == started && attempt > 1 ? ` after ${attempt - 1} retries` : '';
    log?.(redact(`[symbiont] ${operation} ${method} ${url} ${what}${retried} in ${Math.round(now() - from)}ms${id ? ` (request id ${id})` : ''}`));
  };
  const fail = (failure: unknown, text?: string) => toError(failure, {
    operation,
    method,
    url: redact(url),
    path: url.slice(ctx.baseUrl.length).replace(/\?.*/s, ''),
    redact,
    keySent: !!authorization,
    totalSpent: left() <= 1,
    reading,
    timedOut,
  }, text);

  try {
    // The request sent: it never carries a credential header (they are added per attempt).
    const json = body === undefined ? undefined : JSON.stringify(body);
    let request = new Request(url, { method, headers, body: json });
    // Hooks see a fresh copy whose URL and body have every credential cut out; the real body is
    // sent, with the headers `beforeRequest` set on its copy, unless it returns a Request of its
    // own (then that one is sent, and seen by the later hooks).
    let replaced = false;
    const forHooks = (): Request => replaced
      ? request.clone()
      : new Request(redact(url), { method, headers: request.headers, body: json === undefined ? undefined : redact(json) });
    if (beforeRequest) {
      const seen = forHooks();
      const given = await beforeRequest(seen, info);
      replaced = !!given && given != seen;
      request = replaced ? given! : new Request(url, { method, headers: seen.headers, body: json });
    }
    for (;;) {
      const from = now();
      const controller = new AbortController();
      const abort = (): void => controller.abort(signal!.reason);
      signal?.addEventListener('abort', abort);
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, Math.min(timeout, left()));
      let response: Response | undefined;
      let text = '';
      let thrown: unknown;
      attempt++;
      reading = timedOut = false;
      try {
        const withCredentials = new Headers(request.headers);
        for (const name in hidden) withCredentials.set(name, hidden[name]!);
        const exchange = async (): Promise<[Response, string]> => {
          const got = await fetchFollowing(ctx.fetch ?? fetch, request.clone(), withCredentials, controller.signal);
          reading = true;
          return [got, await readBody(got, ctx.maxResponseBytes, operation)];
        };
        // Raced with the abort, so a custom fetch that ignores the signal still times out.
        const aborted = new Promise<never>((_, reject) => {
          controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
        });
        aborted.catch(() => undefined); // settled later, after the race, it must not go unhandled
        [response, text] = await Promise.race([exchange(), aborted]);
        line(`attempt ${attempt} -> ${response.status}`, from, response);
        if (afterResponse) {
          // The hook gets a copy with every credential cut from its headers and body.
          const { status, statusText } = response;
          const cut = new Headers([...response.headers].map(([name, value]): [string, string] => [name, redact(value)]));
          const copy = new Response(redact(text) || null, { status, statusText, headers: cut });
          const swapped = await afterResponse(forHooks(), copy, info);
          if (swapped && swapped != copy) text = await readBody((response = swapped), ctx.maxResponseBytes, operation);
        }
      } catch (error) {
        thrown = error;
        response = undefined;
        line(`attempt ${attempt} -> ${signal?.aborted ? 'AbortError' : fail(error).name}`, from);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      }
      signal?.throwIfAborted();
      if (response?.ok) {
        line(`-> ${response.status}`, started, response);
        return { response, text, redact };
      }
      const transient = timedOut || thrown instanceof TypeError;
      const final = attempt > retries || (response !== undefined && !!extra.answers?.includes(response.status));
      const delay = final ? undefined : retryDelay(attempt, left(), response, text, transient);
      const failure = fail(response ?? thrown, text);
      if (delay === undefined) throw failure;
      if (!(await pause(Math.min(delay, Math.max(left(), 0)), signal))) throw signal!.reason;
      if (left() <= 1) {
        // The deadline ran out in the back-off, not while a body was read.
        timedOut = true;
        reading = false;
        throw fail(thrown);
      }
      await beforeRetry?.({ request: forHooks(), error: failure, retryCount: attempt });
    }
  } catch (error) {
    if (signal?.aborted) {
      line('-> AbortError', started);
      throw signal.reason;
    }
    const failure = fail(error);
    const status = (failure as { status?: number }).status;
    line(`-> ${failure.name}${status === undefined ? '' : ` (${status})`}`, started);
    throw failure;
  }
}
