import { AuthenticationError, ConnectionError, type Context, listAgents, TimeoutError, ValidationError } from '@symbiont/core';
import { AUTHORIZATION, checkContext, redactor } from '@symbiont/core/kernel';
import { type ChatSocket, ChatSession } from './session.ts';

/** Options of {@link connectChat}. */
export interface ConnectChatOptions {
  /**
   * Abort opening the socket (the call rejects with the signal's reason) and, once open, end the
   * session: the socket closes and pending answers reject with the signal's reason.
   */
  signal?: AbortSignal | undefined;
  /** How long opening the socket may take, in ms. Default: the context's `timeout`. */
  timeout?: number | undefined;
}

const invalid = (path: string, expected: string, value: unknown): ValidationError =>
  new ValidationError('connectChat', [{ path, expected, message: `${path}: expected ${expected}, received ${value === null ? 'null' : typeof value}` }]);

/** The upgrade failed for a reason other than the token. */
const unreachable = (safe: string, why: string, cause?: unknown): ConnectionError =>
  new ConnectionError(`connectChat: could not open ${safe}: ${why}`, undefined, cause === undefined ? undefined : { cause });

/** The runtime refused the token (401 at the upgrade). */
function refused(ctx: Context, safe: string, how: string): AuthenticationError {
  const error = new AuthenticationError({ status: 401, responseText: '', body: undefined, headers: {}, request: { method: 'GET', url: safe }, operation: 'connectChat' });
  const what = ctx.hasApiKey ? 'refused the API key' : 'requires an API key (none is configured)';
  Object.defineProperty(error, 'message', { value: `connectChat: the runtime ${what} at ${safe} (${how})`, configurable: true, writable: true });
  return error;
}

/**
 * Open the coordinator chat socket (`GET /ws/chat?token=<api key>`, beside `/api/v1` on the API's
 * host: `http://host:8080/api/v1` → `ws://host:8080/ws/chat`, `https` → `wss`) and resolve once
 * it is open. Served by the open-source runtime when it has an LLM provider configured.
 *
 * Uses the standard `WebSocket` (browsers, Deno, Bun, Node ≥ 22, workerd); where it cannot be
 * constructed (older Workers), `fetch` with `Upgrade: websocket` (the context's `fetch` if set).
 * A refused upgrade rejects with an `AuthenticationError` when the runtime refused the token, else
 * a `ConnectionError`: the standard `WebSocket` does not tell why an upgrade failed, so the SDK
 * then asks `GET /agents` once with the same key to tell the two apart. Running past `timeout` is
 * a `TimeoutError`. The token is a credential: no error, log line or `inspect` output shows it.
 *
 * @example
 * ```ts
 * const chat = await connectChat(ctx);
 * for await (const event of chat.send('Which agents are running?')) {
 *   if (event.type === 'ChatChunk' && event.done) console.log(event.content);
 * }
 * await chat.close();
 * ```
 * @param options `signal` (also ends the session once open) and `timeout` for opening.
 */
export async function connectChat(ctx: Context, options: ConnectChatOptions = {}): Promise<ChatSession> {
  checkContext('connectChat', ctx);
  if (typeof options != 'object' || options === null) throw invalid('options', 'an object', options);
  const { signal } = options;
  if (signal !== undefined && typeof signal?.aborted != 'boolean') throw invalid('options.signal', 'an AbortSignal', signal);
  const timeout = options.timeout ?? ctx.timeout;
  if (typeof timeout != 'number' || !(timeout > 0 && timeout <= 2_147_483_647)) throw invalid('options.timeout', 'a positive number up to 2147483647', timeout);
  signal?.throwIfAborted();

  const base = new URL(ctx.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  const safe = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}${prefix}/ws/chat`;
  const token = ((ctx as unknown as Record<symbol, (() => string) | undefined>)[AUTHORIZATION]?.() ?? '').slice(7); // after "Bearer "
  const url = token ? `${safe}?token=${encodeURIComponent(token)}` : safe;
  // The kernel's rule: the token as given, JSON-escaped in every form and percent-encoded.
  const redact = redactor([token]);
  const log = ctx.log;
  const started = performance.now();

  let socket: ChatSocket;
  try {
    socket = await open(ctx, url, safe, redact, timeout, signal);
  } catch (error) {
    log?.(`[symbiont] connectChat GET ${safe} -> ${error instanceof Error ? error.name : 'aborted'} in ${Math.round(performance.now() - started)}ms`);
    throw error;
  }
  log?.(`[symbiont] connectChat GET ${safe} -> open in ${Math.round(performance.now() - started)}ms`);
  return new ChatSession(socket, safe, redact, { log, validateResponses: ctx.validateResponses, signal });
}

/** Opens the socket with the standard `WebSocket`, else through `fetch`. */
async function open(ctx: Context, url: string, safe: string, redact: (text: string) => string, timeout: number, signal: AbortSignal | undefined): Promise<ChatSocket> {
  let ws: WebSocket | undefined;
  try {
    ws = new WebSocket(url);
  } catch (error) {
    // No usable constructor (older Workers: missing, or "Illegal constructor"): fetch below. Anything
    // else (a page's Content-Security-Policy, say) is a connection failure, never the raw error (its
    // message may quote the URL).
    if (typeof WebSocket == 'function' && !(error instanceof TypeError)) throw unreachable(safe, redact(String((error as Error)?.message ?? error)));
  }
  if (!ws) return openWithFetch(ctx, url, safe, redact, timeout, signal);

  const socket = ws;
  const failed = Symbol('failed');
  const outcome = await new Promise<ChatSocket | typeof failed>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (error?: unknown, value: ChatSocket | typeof failed = failed): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(value);
      else {
        reject(error);
        socket.close(); // may fire its error and close events at once: settled above
      }
    };
    const onAbort = (): void => finish(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => finish(new TimeoutError(`connectChat: ${safe} did not open within ${timeout} ms`, 'attempt')), timeout);
    socket.addEventListener('open', () => finish(undefined, socket));
    socket.addEventListener('error', () => finish());
    socket.addEventListener('close', () => finish());
  });
  if (outcome !== failed) return outcome;

  // The standard WebSocket hides the upgrade's status: one authenticated request tells a refused token apart.
  try {
    await listAgents(ctx, { signal, maxRetries: 0, timeout });
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof AuthenticationError) throw refused(ctx, safe, 'the upgrade failed, and GET /agents answered 401 with the same key');
    throw unreachable(safe, `the upgrade failed, and so did GET /agents: ${(error as Error).message}`, error);
  }
  throw unreachable(safe, 'the upgrade failed although GET /agents accepts the key: the runtime does not serve the chat socket there (it needs an LLM provider configured)');
}

/** Workers without a `WebSocket` constructor: `fetch` with `Upgrade: websocket`, whose status is visible. */
async function openWithFetch(ctx: Context, url: string, safe: string, redact: (text: string) => string, timeout: number, signal: AbortSignal | undefined): Promise<ChatSocket> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), timeout);
  let response: Response;
  try {
    response = await (ctx.fetch ?? fetch)(url.replace(/^ws/, 'http'), { headers: { upgrade: 'websocket' }, signal: controller.signal });
  } catch (error) {
    signal?.throwIfAborted();
    if (controller.signal.aborted) throw new TimeoutError(`connectChat: ${safe} did not open within ${timeout} ms`, 'attempt');
    // Never the platform's error itself: its message may quote the URL, token included.
    throw unreachable(safe, redact(String((error as Error)?.message ?? error)));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  const ws = (response as Response & { webSocket?: (ChatSocket & { accept(): void }) | null }).webSocket;
  if (response.status === 101 && ws) {
    ws.accept();
    return ws;
  }
  await response.body?.cancel().catch(() => {});
  if (response.status === 401) throw refused(ctx, safe, 'the upgrade answered 401');
  throw unreachable(safe, `the upgrade answered ${response.status} instead of 101 Switching Protocols`);
}
