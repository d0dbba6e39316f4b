import * as v from 'valibot';
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
  type CallOptions,
  type Context,
} from '@symbiont/core';
import { checkContext, describe, toIssues } from '@symbiont/core/kernel';

const OPERATION = 'fetchProviderKey';
/** Largest `schemapin.json` accepted, in bytes (as decoded). */
export const MAX_KEY_DOCUMENT_BYTES = 65_536;
/** Most same-origin redirects followed. */
const MAX_REDIRECTS = 5;
/** Hosts that may be reached over plain http (development). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const KeyDocument = /* @__PURE__ */ v.looseObject({ public_key_pem: /* @__PURE__ */ v.string() });

const refuse = (path: string, expected: string, received: string): ValidationError =>
  new ValidationError(OPERATION, [{ path, expected, message: `${path}: expected ${expected}, received ${received}` }]);

/** The URL to fetch, or a `ValidationError` that never quotes credentials or the query. */
function checkUrl(url: unknown): URL {
  const expected = 'an absolute https URL without credentials (http only for localhost, 127.0.0.1 or [::1])';
  if (typeof url !== 'string') throw refuse('url', expected, describe(url));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('url', expected, 'a string that is not an absolute URL');
  }
  if (parsed.username || parsed.password) throw refuse('url', expected, 'a URL with credentials');
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:') {
    if (LOOPBACK.has(parsed.hostname)) return parsed;
    throw refuse('url', expected, `an http URL for ${parsed.host} (a provider key is only trusted over https)`);
  }
  throw refuse('url', expected, `a ${parsed.protocol.replace(/:$/, '')} URL`);
}

/** Per-call options this function uses: `signal`, `timeout`, `totalTimeout` and `headers`. */
function checkOptions(options: CallOptions | undefined): { signal: AbortSignal | undefined; headers: Headers } {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw refuse('options', 'an object', describe(options));
  for (const name of ['timeout', 'totalTimeout'] as const) {
    const value = options?.[name];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= 2_147_483_647)) throw refuse(`options.${name}`, 'a positive number of milliseconds', describe(value));
  }
  const headers = new Headers({ accept: 'application/json' });
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) throw refuse(`options.headers.${name}`, 'a header value without CR, LF or NUL', typeof value === 'string' ? 'a value containing CR, LF or NUL' : describe(value));
    try {
      headers.set(name, value);
    } catch {
      throw refuse('options.headers', 'valid header names and values', `an invalid header ${JSON.stringify(name.slice(0, 40))}`);
    }
  }
  return { signal: options?.signal, headers };
}

/** Reads at most `cap` bytes of a body; `undefined` when it is larger (the rest is not read). */
async function readCapped(response: Response, cap: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  if (declared > cap) {
    await reader.cancel().catch(() => undefined);
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const headersOf = (response: Response): Record<string, string> => Object.fromEntries([...response.headers].map(([k, value]) => [k.toLowerCase(), value]));

function httpError(response: Response, url: string, text: string): APIError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const init = { status: response.status, responseText: text, body, headers: headersOf(response), request: { method: 'GET', url }, operation: OPERATION };
  const Class = response.status === 401 ? AuthenticationError : response.status === 404 ? NotFoundError : response.status === 429 ? RateLimitError : APIError;
  return new Class(init);
}

/**
 * Fetch a tool provider's public key (PEM) from its SchemaPin document: `GET <url>`, where `url`
 * is the full URL of the provider's `.well-known/schemapin.json`, and resolve to its
 * `public_key_pem`. The key is a trust anchor, so:
 *
 * - `url` must be https (plain http only for `localhost`, `127.0.0.1` or `[::1]`, for development);
 * - it uses the context's `fetch` and `timeout` (and `totalTimeout`), but never sends the
 *   context's API key, headers or hooks to that host (per-call `headers` are sent: they are meant
 *   for it);
 * - a redirect to another origin is never followed: it fails with an `APIError` for the 3xx that
 *   names only the target's origin; same-origin redirects are followed, at most 5;
 * - a document over 64 KiB is refused (`ResponseValidationError`), counting the bytes as they
 *   arrive, so memory stays bounded however large the body or its declared length;
 * - the document is always validated (even with `validateResponses: false`), and the call is not
 *   retried.
 *
 * Not a Symbiont runtime route: it reads a provider's public document (any runtime, or none).
 * In a browser, a page cannot see a redirect (`redirect: 'manual'` yields an opaque response), so
 * any redirect fails there with a `ConnectionError`; the provider's host must also allow CORS.
 *
 * @example
 * ```ts
 * const publicKey = await fetchProviderKey(ctx, 'https://provider.example.com/.well-known/schemapin.json');
 * const valid = await verifySignedTool(await getSignedTool(ctx, 'review-123'), { publicKey });
 * ```
 * @param url Absolute https URL of the `schemapin.json` document.
 * @param options Per-call options: `signal`, `timeout`, `totalTimeout`, and `headers` for that host.
 */
export async function fetchProviderKey(ctx: Context, url: string, options?: CallOptions): Promise<string> {
  checkContext(OPERATION, ctx);
  const start = checkUrl(url);
  const { signal, headers } = checkOptions(options);
  const perAttempt = options?.timeout ?? ctx.timeout;
  const total = options?.totalTimeout ?? ctx.totalTimeout;
  const limit = total !== undefined && total <= perAttempt ? { ms: total, kind: 'total' as const } : { ms: perAttempt, kind: 'attempt' as const };
  signal?.throwIfAborted();

  const fetchFn = ctx.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new TimeoutError(`${OPERATION}: GET ${start.href} timed out after ${limit.ms} ms`, limit.kind));
  }, limit.ms);
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const began = performance.now();
  let outcome = 'error';
  let current = start;
  try {
    for (let redirects = 0; ; redirects++) {
      const init: RequestInit = { method: 'GET', headers, redirect: 'manual', signal: controller.signal, credentials: 'omit' };
      let response: Response;
      try {
        response = await fetchFn(new Request(current.href, init), init);
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason;
        throw new ConnectionError(`${OPERATION}: GET ${current.href} could not be made: ${(error as Error)?.message ?? String(error)}`, {}, { cause: error });
      }
      outcome = String(response.status);
      if (response.type === 'opaqueredirect') {
        throw new ConnectionError(`${OPERATION}: GET ${current.href} was redirected, and this platform hides where to (a browser); the redirect is not followed`);
      }
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        let target: URL | undefined;
        try {
          target = location === null ? undefined : new URL(location, current);
        } catch {
          target = undefined;
        }
        const fail = (reason: string): never => {
          const error = httpError(response, current.href, '');
          error.message = `${OPERATION}: GET ${current.href} answered ${response.status}: ${reason}`;
          // The target's path and query may carry a token: the error keeps its origin only.
          if (target) error.headers.location = target.origin;
          else delete error.headers.location;
          throw error;
        };
        if (!target) fail('a redirect without a usable Location');
        if (target!.origin !== current.origin) fail(`a redirect to another origin (${target!.origin}), not followed: a provider key is only read from the origin asked for`);
        if (redirects >= MAX_REDIRECTS) fail(`more than ${MAX_REDIRECTS} redirects`);
        current = target!;
        continue;
      }
      const bytes = await readCapped(response, MAX_KEY_DOCUMENT_BYTES);
      if (!response.ok) throw httpError(response, current.href, bytes ? new TextDecoder().decode(bytes) : `[body larger than ${MAX_KEY_DOCUMENT_BYTES} bytes, not read]`);
      if (!bytes) {
        throw new ResponseValidationError(`${OPERATION}: GET ${current.href}: the document is larger than ${MAX_KEY_DOCUMENT_BYTES} bytes (64 KiB), refused`, response.status, '');
      }
      const text = new TextDecoder().decode(bytes);
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new ResponseValidationError(`${OPERATION}: GET ${current.href}: the response is not JSON`, response.status, text, [], { cause: error });
      }
      const checked = v.safeParse(KeyDocument, document);
      if (!checked.success) {
        const issues = toIssues(checked.issues, 'response');
        throw new ResponseValidationError(`${OPERATION}: GET ${current.href}: unexpected document: ${issues.map((i) => i.message).join('; ')}`, response.status, text, issues);
      }
      return checked.output.public_key_pem;
    }
  } catch (error) {
    if (timedOut && error === controller.signal.reason) outcome = 'TimeoutError';
    else if (error instanceof Error) outcome = error.name;
    // A failure while reading the body after the timer or the caller's signal fired.
    if (controller.signal.aborted && !(error instanceof ValidationError) && !(error instanceof APIError) && !(error instanceof ResponseValidationError)) {
      throw controller.signal.reason;
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    ctx.log?.(`${OPERATION} GET ${start.origin}${start.pathname} -> ${outcome} (${Math.round(performance.now() - began)} ms)`);
  }
}
