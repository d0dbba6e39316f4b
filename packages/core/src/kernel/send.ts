import ky from 'ky';
import { AUTHORIZATION, fitsNumber, MAX_DELAY, type Context } from '../createContext.ts';
import { SymbiontError, ValidationError } from '../errors.ts';
import { splitHeaders, validHeader } from './headers.ts';
import type { CallOptions } from './options.ts';
import { readBody } from './readBody.ts';
import { bodySecrets, redactor } from './redact.ts';
import { fetchFollowing } from './redirects.ts';
import { BACKOFF_CAP, backoff, isFinal, jitter, MAX_RETRY_AFTER, RETRY_STATUSES } from './retryPolicy.ts';
import { toError } from './toError.ts';

export { backoff, jitter, parseRetryAfter, BACKOFF_BASE, BACKOFF_CAP, MAX_RETRY_AFTER } from './retryPolicy.ts';
export { capText } from './toError.ts';

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

const now = (): number => performance.now();

/** A per-call option that is bad, as `[path, expected]`, checked before anything is sent. */
function badOption(options: CallOptions): [string, string] | undefined {
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
 * The one function that does every HTTP call of every package, on ky. It reads as the steps of a
 * call: check the per-call options, build the headers (credentials kept apart: {@link splitHeaders}),
 * gather the secrets to redact ({@link redactor}), then let ky run the attempts, each of which
 * sends through {@link fetchFollowing} (the redirect rule) and reads the body within the attempt's
 * timeout ({@link readBody}, the size cap), with {@link isFinal} deciding what is not retried and
 * {@link toError} mapping a failure to the SDK's error. One debug line per attempt and one per call.
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
  const bad = badOption(options);
  if (bad) throw new ValidationError(operation, [{ path: `options.${bad[0]}`, expected: bad[1], message: `options.${bad[0]}: expected ${bad[1]}` }]);
  signal?.throwIfAborted();
  const timeout = options.timeout ?? ctx.timeout;
  const total = options.totalTimeout ?? ctx.totalTimeout;
  const retry = extra.retry !== false && (options.retry ?? (method != 'POST' || idempotencyKey !== undefined));
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
  let attempts = 0;
  let reading = false;
  const line = (what: string, from: number, response?: Response): void => {
    const id = response?.headers.get('x-request-id');
    log?.(redact(`[symbiont] ${operation} ${method} ${url} ${what} in ${Math.round(now() - from)}ms${id ? ` (request id ${id})` : ''}`));
  };
  const failing = (): Parameters<typeof toError>[1] => ({
    operation,
    method,
    url,
    path: url.slice(ctx.baseUrl.length).replace(/\?.*/s, ''),
    redact,
    keySent: !!authorization,
    totalSpent: total !== undefined && now() - started >= total - 1,
    reading,
  });

  try {
    const response = await ky(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      timeout,
      totalTimeout: total ?? false,
      // Error bodies stay raw text: `responseText` is exact, `body` is parsed from it.
      parseJson: (text) => text,
      // One attempt: credential headers are added here, after every hook; redirects are followed
      // by the contract's rule; the body is read (capped) within the attempt's timeout.
      fetch: async (input) => {
        const request = input as Request;
        const from = now();
        const attempt = `attempt ${++attempts}`;
        reading = false;
        try {
          const withCredentials = new Headers(request.headers);
          for (const name in hidden) withCredentials.set(name, hidden[name]!);
          const response = await fetchFollowing(ctx.fetch ?? fetch, request, withCredentials);
          if (!response.status) return response; // a browser's opaque redirect
          reading = true;
          const text = await readBody(response, ctx.maxResponseBytes, operation);
          line(`${attempt} -> ${response.status}`, from, response);
          const { status, statusText } = response;
          return new Response(text || null, { status, statusText, headers: response.headers });
        } catch (error) {
          line(`${attempt} -> ${error instanceof SymbiontError ? error.name : request.signal.aborted ? 'TimeoutError' : 'ConnectionError'}`, from);
          throw error;
        }
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
        shouldRetry: ({ error }) => isFinal(error, total === undefined ? undefined : total - (now() - started)),
      },
      // Hooks cost ky work on every call: they are passed only when there is one to run.
      hooks: beforeRequest || afterResponse || beforeRetry
        ? {
          beforeRequest: beforeRequest ? [({ request }) => beforeRequest(request, info)] : [],
          afterResponse: afterResponse ? [({ request, response }) => afterResponse(request, response, info)] : [],
          beforeRetry: beforeRetry ? [({ request, error, retryCount }) => beforeRetry({ request, error: toError(error, failing()), retryCount })] : [],
        }
        : undefined,
    });
    const text = await response.text();
    line(`-> ${response.status}${attempts > 1 ? ` after ${attempts - 1} retries` : ''}`, started, response);
    return { response, text, redact };
  } catch (error) {
    const failure = signal?.aborted ? undefined : toError(error, failing());
    const status = (failure as { status?: number } | undefined)?.status;
    line(`-> ${failure ? failure.name : 'AbortError'}${status === undefined ? '' : ` (${status})`}${attempts > 1 ? ` after ${attempts - 1} retries` : ''}`, started);
    throw failure ?? signal!.reason;
  }
}
