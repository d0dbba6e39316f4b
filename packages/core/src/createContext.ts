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
  /** A custom `fetch` (a keep-alive transport, a test double, a proxy). Default `globalThis.fetch`. */
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
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value === '' ? undefined : value;
  } catch {
    return undefined; // Deno without --allow-env, or any host that forbids it
  }
};

const positive = (option: string, value: unknown, integer?: boolean): number => {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError(option, `must be a positive ${integer ? 'integer' : 'number'}, got ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
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
  const apiKey = config.apiKey ?? readEnv('SYMBIONT_API_KEY');
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '' || /[\r\n]/.test(apiKey))) {
    throw new ConfigurationError('apiKey', 'must be a non-empty single-line string');
  }

  const rawBase = config.baseUrl ?? readEnv('SYMBIONT_BASE_URL') ?? 'http://localhost:8080/api/v1';
  const baseOption = config.baseUrl === undefined && readEnv('SYMBIONT_BASE_URL') ? 'SYMBIONT_BASE_URL' : 'baseUrl';
  let url: URL;
  try {
    url = new URL(String(rawBase));
  } catch {
    throw new ConfigurationError(baseOption, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(baseOption, `must use http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(baseOption, 'must not contain credentials: pass apiKey instead');
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(baseOption, 'must not contain a query or fragment');
  }
  const baseUrl = url.href.replace(/\/+$/, '');

  let timeout = config.timeout;
  if (timeout === undefined) {
    const env = readEnv('SYMBIONT_TIMEOUT');
    timeout = env === undefined ? 30_000 : positive('SYMBIONT_TIMEOUT', Number(env)) * 1000;
  }
  positive('timeout', timeout);

  let maxRetries = config.maxRetries;
  if (maxRetries === undefined) {
    const env = readEnv('SYMBIONT_MAX_RETRIES');
    maxRetries = env === undefined ? 3 : Number(env);
    if (env !== undefined && !/^\d+$/.test(env.trim())) {
      throw new ConfigurationError('SYMBIONT_MAX_RETRIES', `must be a non-negative integer, got "${env}"`);
    }
  } else if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError('maxRetries', `must be a non-negative integer, got ${typeof maxRetries === 'number' ? maxRetries : typeof maxRetries}`);
  }

  if (config.totalTimeout !== undefined) positive('totalTimeout', config.totalTimeout);
  const maxResponseBytes = config.maxResponseBytes === undefined ? 32 * 1024 * 1024 : positive('maxResponseBytes', config.maxResponseBytes, true);
  if (config.fetch !== undefined && typeof config.fetch !== 'function') {
    throw new ConfigurationError('fetch', 'must be a function');
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (typeof value !== 'string') throw new ConfigurationError(`headers.${name}`, 'must be a string');
    headers[name.toLowerCase()] = value;
  }

  const hooks = { ...config.hooks };
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook !== 'function') throw new ConfigurationError(`hooks.${name}`, 'must be a function');
  }

  const debug = config.debug ?? readEnv('SYMBIONT_LOG') === 'debug';
  const log = debug ? (config.logger ?? ((line: string) => console.debug(line))) : undefined;

  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && log) {
    warnedHosts ??= new Set();
    if (!warnedHosts.has(url.host)) {
      warnedHosts.add(url.host);
      log(`[symbiont] warning: ${url.host} is reached over plain http; the API key travels unencrypted`);
    }
  }

  const ctx: Context = {
    baseUrl,
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
