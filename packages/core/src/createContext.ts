import { ConfigurationError } from './errors.ts';
import type { Hooks } from './hooks.ts';
import { validHeader } from './kernel/headers.ts';

/** Options for {@link createContext}. Every field is optional; durations are milliseconds. */
export interface ContextConfig {
  /**
   * Sent as `Authorization: Bearer <apiKey>`. Env `SYMBIONT_API_KEY`. No header at all when unset.
   * Trimmed; one with whitespace or control characters inside is a `ConfigurationError`.
   */
  apiKey?: string | undefined;
  /** Base URL every path is appended to. Env `SYMBIONT_BASE_URL`. Default `http://localhost:8080/api/v1`. */
  baseUrl?: string | undefined;
  /** Per-attempt timeout in ms, covering headers and body. Env `SYMBIONT_TIMEOUT` (seconds). Default 30,000. */
  timeout?: number | undefined;
  /** Deadline across all attempts and back-off, in ms. Default none. */
  totalTimeout?: number | undefined;
  /** Retries after the first attempt (3 means at most 4 attempts). Env `SYMBIONT_MAX_RETRIES`. Default 3. */
  maxRetries?: number | undefined;
  /**
   * A custom `fetch` (a keep-alive transport, a test double, a proxy). Default `globalThis.fetch`.
   * It is called as `fetch(request, init)` and must honour `init.headers` (that is where the
   * `Authorization` and other credential headers travel, so that the `Request` itself never
   * carries them), `init.signal` and `init.redirect` (`'manual'`: the SDK applies the redirect rule).
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Extra headers sent with every request. A name or value with CR, LF or NUL is refused.
   * Credential headers (`authorization`, `proxy-authorization`, `cookie`, `x-api-key`) are never
   * shown to hooks and are redacted from everything.
   */
  headers?: Record<string, string> | undefined;
  /** Callbacks at clear points of every request. */
  hooks?: Hooks | undefined;
  /** Validate response bodies against the operation's schema. Default true. Dates are converted either way. */
  validateResponses?: boolean | undefined;
  /** Largest response body accepted, in bytes **as decoded** (after gzip, deflate or br). Default 32 MiB. */
  maxResponseBytes?: number | undefined;
  /**
   * Log one line per attempt and one per call (method, URL, status or error class, duration,
   * request id, retries). Env `SYMBIONT_LOG` = `debug`, `1` or `true`.
   */
  debug?: boolean | undefined;
  /**
   * Where debug lines go. Default: standard error where there is one (Node, Deno, Bun:
   * `console.error`), else `console.debug` (browsers, Workers). Credentials are never passed to it.
   */
  logger?: ((line: string) => void) | undefined;
}

/** Everything a call needs, made once by {@link createContext}. Frozen; the API key is not readable from it. */
export interface Context {
  readonly baseUrl: string;
  readonly timeout: number;
  readonly totalTimeout: number | undefined;
  readonly maxRetries: number;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly hooks: Readonly<Hooks>;
  readonly validateResponses: boolean;
  readonly maxResponseBytes: number;
  /** Whether an API key is configured (the key itself is never exposed). */
  readonly hasApiKey: boolean;
  /** The debug logger, when debugging is on. */
  readonly log: ((line: string) => void) | undefined;
  /** The mark of a context (see {@link CONTEXT}). */
  readonly [CONTEXT]: true;
}

/**
 * Key of a hidden function on a context that returns its `Authorization` value. A function, not
 * the string, so that not even `inspect(ctx, { showHidden: true })` prints the key.
 * @internal
 */
export const AUTHORIZATION = Symbol.for('@symbiont/core/authorization');

/**
 * Key of the mark every context carries (`true`), so that a config object passed by mistake is
 * told apart. Enumerable, so a spread copy of a context is still one.
 * @internal
 */
export const CONTEXT = Symbol.for('@symbiont/core/context');

const readEnv = (name: string): string | undefined => {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;
  } catch {
    return undefined; // Deno without --allow-env, or any host that forbids it
  }
};

const fail = (option: string, problem: string): never => {
  throw new ConfigurationError(option, problem);
};

/** Longest timer a runtime supports, in ms (about 24.8 days). */
export const MAX_DELAY = 2_147_483_647;

/**
 * Whether `value` is a positive number up to `max` or, `whole`, a non-negative integer: the rule
 * for every duration and retry count, in the context and in per-call options.
 * @internal
 */
export const fitsNumber = (value: unknown, whole?: boolean, max = MAX_DELAY): value is number =>
  typeof value == 'number' && (whole ? Number.isInteger(value) && value >= 0 : value > 0 && value <= max);

/** A received value for a message: a number or a short string as written, else its kind. */
const shown = (value: unknown): string =>
  typeof value == 'number' ? `${value}` : typeof value == 'string' ? JSON.stringify(value.slice(0, 40)) : value === null ? 'null' : typeof value;

/** `value` if it {@link fitsNumber}, else a ConfigurationError naming the option and the value received. */
const numberOption = (option: string, value: unknown, whole?: boolean, max = MAX_DELAY, expected = whole ? 'non-negative integer' : `positive number up to ${max}`): number =>
  fitsNumber(value, whole, max) ? value : fail(option, `must be a ${expected}, got ${shown(value)}`);

/** Whether the host has a standard error stream (Node, Deno, Bun), where debug lines go by default. */
const hasStderr = (): boolean => {
  const host = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown; Bun?: unknown };
  return !!(host.process?.versions?.node || host.Deno || host.Bun);
};

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;
let warnedHosts: Set<string> | undefined;

/**
 * Create the context every function takes first.
 *
 * Precedence for each setting: the explicit option, then the environment (where there is one:
 * browsers and Workers have none), then the default.
 *
 * @example
 * ```ts
 * const ctx = createContext({ apiKey: 'sk-…', baseUrl: 'http://localhost:8080/api/v1' });
 * const health = await healthCheck(ctx);
 * ```
 * @throws {@link ConfigurationError} naming the option when a value is invalid.
 */
export function createContext(config: ContextConfig = {}): Context {
  const given = config.apiKey ?? readEnv('SYMBIONT_API_KEY');
  // Trimmed once here: what is sent is what is redacted. Never quoted in a message.
  const apiKey = typeof given == 'string' ? given.trim() : given;
  if (apiKey !== undefined && (typeof apiKey != 'string' || !apiKey || /[\s\0-\x1f\x7f]/.test(apiKey))) {
    fail(config.apiKey === undefined ? 'SYMBIONT_API_KEY' : 'apiKey', 'must be a non-empty string without whitespace or control characters inside');
  }

  const envBase = readEnv('SYMBIONT_BASE_URL');
  const baseOption = config.baseUrl === undefined && envBase ? 'SYMBIONT_BASE_URL' : 'baseUrl';
  let url: URL | undefined;
  try {
    url = new URL(config.baseUrl ?? envBase ?? 'http://localhost:8080/api/v1');
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    return fail(baseOption, 'must be an absolute http(s) URL without a query or fragment');
  }
  if (url.username || url.password) fail(baseOption, 'must not contain credentials: pass apiKey instead');

  const envTimeout = readEnv('SYMBIONT_TIMEOUT');
  const timeout = config.timeout === undefined && envTimeout
    ? numberOption('SYMBIONT_TIMEOUT', /^\s*\d*\.?\d+\s*$/.test(envTimeout) ? Number(envTimeout) : envTimeout, false, MAX_DELAY / 1000, 'positive number of seconds') * 1000
    : numberOption('timeout', config.timeout ?? 30_000);
  const envRetries = readEnv('SYMBIONT_MAX_RETRIES');
  const maxRetries = config.maxRetries === undefined && envRetries
    ? numberOption('SYMBIONT_MAX_RETRIES', /^\d+$/.test(envRetries) ? Number(envRetries) : envRetries, true)
    : numberOption('maxRetries', config.maxRetries ?? 3, true);
  if (config.totalTimeout !== undefined) numberOption('totalTimeout', config.totalTimeout);
  const maxResponseBytes = numberOption('maxResponseBytes', config.maxResponseBytes ?? 32 * 1024 * 1024, false, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(maxResponseBytes)) fail('maxResponseBytes', 'must be an integer');
  if (config.fetch !== undefined && typeof config.fetch != 'function') fail('fetch', 'must be a function');

  for (const option of ['headers', 'hooks'] as const) {
    const given: unknown = config[option];
    const plain = typeof given == 'object' && given !== null && [Object.prototype, null].includes(Object.getPrototypeOf(given));
    if (given !== undefined && !plain) fail(option, 'must be a plain object');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    headers[name.toLowerCase()] = validHeader(name, value) ? value : fail(`headers.${name}`, 'must be a valid header name with a string value without CR, LF or NUL');
  }
  const hooks = { ...config.hooks };
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook != 'function') fail(`hooks.${name}`, 'must be a function');
  }

  const log = config.debug ?? /^(debug|1|true)$/i.test(readEnv('SYMBIONT_LOG') ?? '')
    ? (config.logger ?? (hasStderr() ? console.error : console.debug))
    : undefined;
  if (log && url.protocol == 'http:' && !LOOPBACK.test(url.hostname) && !(warnedHosts ??= new Set()).has(url.host)) {
    warnedHosts.add(url.host);
    log(`[symbiont] warning: ${url.host} is reached over plain http; the API key travels unencrypted`);
  }

  const ctx: Context = {
    baseUrl: url.href.replace(/\/+$/, ''),
    timeout,
    totalTimeout: config.totalTimeout,
    maxRetries,
    fetch: config.fetch,
    headers: Object.freeze(headers),
    hooks: Object.freeze(hooks),
    validateResponses: config.validateResponses ?? true,
    maxResponseBytes,
    hasApiKey: apiKey !== undefined,
    log,
    [CONTEXT]: true,
  };
  if (apiKey !== undefined) {
    const authorization = `Bearer ${apiKey}`;
    Object.defineProperty(ctx, AUTHORIZATION, { value: () => authorization });
  }
  return Object.freeze(ctx);
}
