import { ConfigurationError } from './errors.ts';
import type { Hooks } from './hooks.ts';

/** Options for {@link createContext}. Every field is optional; durations are milliseconds. */
export interface ContextConfig {
  /** Sent as `Authorization: Bearer <apiKey>`. Env `SYMBIONT_API_KEY`. No header at all when unset. */
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
   * It is called as `fetch(request, init)` and must honour `init.headers`: that is where the
   * `Authorization` header travels, so that the `Request` itself never carries it.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Callbacks at clear points of every request. */
  hooks?: Hooks | undefined;
  /** Validate response bodies against the operation's schema. Default true. Dates are converted either way. */
  validateResponses?: boolean | undefined;
  /** Largest response body accepted, in bytes. Default 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Log each request and response line (method, URL, status, duration, request id, retry). Env `SYMBIONT_LOG=debug`. */
  debug?: boolean | undefined;
  /** Where debug lines go. Default `console.debug`. Credentials are never passed to it. */
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
}

/**
 * Key of a hidden function on a context that returns its `Authorization` value. A function, not
 * the string, so that not even `inspect(ctx, { showHidden: true })` prints the key.
 * @internal
 */
export const AUTHORIZATION = Symbol.for('@symbiont/core/authorization');

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

/** `value` if it {@link fitsNumber}, else a ConfigurationError naming the option. */
const numberOption = (option: string, value: unknown, whole?: boolean, max = MAX_DELAY): number =>
  fitsNumber(value, whole, max)
    ? value
    : fail(option, `must be a ${whole ? 'non-negative integer' : `positive number up to ${max}`}, got ${typeof value == 'number' ? value : typeof value}`);

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
  const apiKey = config.apiKey ?? readEnv('SYMBIONT_API_KEY');
  if (apiKey !== undefined && (typeof apiKey != 'string' || !apiKey || /[\r\n]/.test(apiKey))) {
    fail('apiKey', 'must be a non-empty single-line string');
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
    ? numberOption('SYMBIONT_TIMEOUT', Number(envTimeout)) * 1000
    : numberOption('timeout', config.timeout ?? 30_000);
  const envRetries = readEnv('SYMBIONT_MAX_RETRIES');
  const maxRetries = config.maxRetries === undefined && envRetries
    ? numberOption('SYMBIONT_MAX_RETRIES', /^\d+$/.test(envRetries) ? Number(envRetries) : envRetries, true)
    : numberOption('maxRetries', config.maxRetries ?? 3, true);
  if (config.totalTimeout !== undefined) numberOption('totalTimeout', config.totalTimeout);
  const maxResponseBytes = numberOption('maxResponseBytes', config.maxResponseBytes ?? 32 * 1024 * 1024, false, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(maxResponseBytes)) fail('maxResponseBytes', 'must be an integer');
  if (config.fetch !== undefined && typeof config.fetch != 'function') fail('fetch', 'must be a function');

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    headers[name.toLowerCase()] = typeof value == 'string' ? value : fail(`headers.${name}`, 'must be a string');
  }
  const hooks = { ...config.hooks };
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook != 'function') fail(`hooks.${name}`, 'must be a function');
  }

  const log = config.debug ?? readEnv('SYMBIONT_LOG') === 'debug' ? (config.logger ?? console.debug) : undefined;
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
  };
  if (apiKey !== undefined) {
    const authorization = `Bearer ${apiKey}`;
    Object.defineProperty(ctx, AUTHORIZATION, { value: () => authorization });
  }
  return Object.freeze(ctx);
}
