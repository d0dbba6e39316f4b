/**
 * `@symbiont/core/node`: Node-only helpers. `.env` loading (dotenv) and a keep-alive, proxy-aware
 * transport (undici). Never import this from code that runs in browsers or edge runtimes.
 *
 * Needs Node.js 22 or newer: on an older Node, importing this entry throws at once with a message
 * naming the version it needs. `undici` and `dotenv` are optional peer dependencies of
 * `@symbiont/core`: install `undici` to use {@link createNodeTransport} and `dotenv` to use
 * {@link loadEnv} or {@link createContextFromEnv} (`npm install undici dotenv`). Each is loaded
 * the first time a function needs it, and a missing one is a {@link ConfigurationError} that says
 * what to install. The main entry, `@symbiont/core`, needs neither.
 *
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
import type { Agent, Dispatcher, EnvHttpProxyAgent, Pool, ProxyAgent, fetch as undiciFetchType } from 'undici';
import { createContext, type Context, type ContextConfig } from './createContext.ts';
import { ConfigurationError } from './errors.ts';
import { assertSupportedNode } from './nodeVersion.ts';

// Before anything Node-specific runs (undici itself crashes on import in Node 20).
assertSupportedNode(globalThis.process?.versions?.node);

// undici and dotenv are optional peer dependencies, loaded (synchronously: both are CommonJS) the
// first time a function needs them, so that importing this entry needs neither and a missing one
// is an error that says what to install.
let requireFromHere: NodeJS.Require | undefined;
function peer<T>(name: 'undici' | 'dotenv', usedBy: string): T {
  try {
    requireFromHere ??= createRequire(import.meta.url);
    return requireFromHere(name) as T;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'MODULE_NOT_FOUND' && message.includes(`'${name}'`)) {
      throw new ConfigurationError(
        name,
        `is needed by ${usedBy} and is not installed: it is an optional peer dependency of @symbiont/core (npm install ${name})`,
      );
    }
    throw error;
  }
}
interface Undici {
  Agent: typeof Agent;
  EnvHttpProxyAgent: typeof EnvHttpProxyAgent;
  Pool: typeof Pool;
  ProxyAgent: typeof ProxyAgent;
  fetch: typeof undiciFetchType;
}
type Dotenv = typeof import('dotenv');

/**
 * Load a `.env` file into `process.env` (variables already set win). Returns the variables read.
 * @param path The file; default `.env` in the current directory.
 */
export function loadEnv(path?: string): Record<string, string> {
  const { config: dotenvConfig } = peer<Dotenv>('dotenv', 'loadEnv');
  const result = dotenvConfig({ path, quiet: true });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ENOENT') {
    throw new ConfigurationError(path ?? '.env', `could not be read: ${result.error.message}`);
  }
  return result.parsed ?? {};
}

/** Options of {@link createContextFromEnv}: a `.env` path plus any {@link ContextConfig} override. */
export interface FromEnvOptions extends ContextConfig {
  /** The `.env` file to load first; default `.env` in the current directory. */
  envPath?: string;
}

/**
 * Load `.env`, then create a context from the environment (explicit options still win).
 * @example
 * ```ts
 * import { createContextFromEnv } from '@symbiont/core/node';
 * const ctx = createContextFromEnv();
 * ```
 */
export function createContextFromEnv(options: FromEnvOptions = {}): Context {
  const { envPath, ...config } = options;
  loadEnv(envPath);
  return createContext(config);
}

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Most sockets per origin. Default 16. */
  connections?: number;
  /** Requests pipelined per socket. Default 1. */
  pipelining?: number;
  /** How long an idle socket is kept, in ms. Default 30,000. */
  keepAliveTimeout?: number;
  /**
   * A proxy: a URL for every request, or `'env'` to follow `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`.
   * Default: no proxy.
   */
  proxy?: string | 'env';
}

/** A `fetch` bound to its own connection pool, with `close()` to release the sockets. */
export interface NodeTransport {
  /** Pass as `createContext({ fetch })`. */
  readonly fetch: typeof globalThis.fetch;
  /** The undici dispatcher behind it. */
  readonly dispatcher: Dispatcher;
  /** Close every socket; pending requests finish first. */
  close(): Promise<void>;
}

/**
 * A keep-alive transport for Node on undici: a pool of persistent connections (optionally
 * pipelined), or a proxy agent.
 * @example
 * ```ts
 * const transport = createNodeTransport({ connections: 32 });
 * const ctx = createContext({ fetch: transport.fetch });
 * // …
 * await transport.close();
 * ```
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const { Agent, EnvHttpProxyAgent, Pool, ProxyAgent, fetch: undiciFetch } = peer<Undici>('undici', 'createNodeTransport');
  const pool = {
    connections: options.connections ?? 16,
    pipelining: options.pipelining ?? 1,
    keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
  };
  // undici's proxy agents ignore `connections` for plain-http targets unless given a pool factory.
  const proxied = { ...pool, factory: (origin: string | URL, opts: object) => new Pool(origin, { ...opts, ...pool }) };
  const dispatcher: Dispatcher = options.proxy === 'env'
    ? new EnvHttpProxyAgent(proxied)
    : options.proxy
      ? new ProxyAgent({ uri: options.proxy, ...proxied })
      : new Agent(pool);
  type UndiciInit = Parameters<typeof undiciFetch>[1];
  // undici's own fetch does not accept Node's global Request class: pass its parts instead.
  const transportFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (typeof input === 'object' && 'url' in input) {
      const { url, method, headers, body, signal, redirect } = input;
      return undiciFetch(url, { method, headers, body, signal, redirect, duplex: 'half', ...(init as object), dispatcher } as unknown as UndiciInit);
    }
    return undiciFetch(input, { ...(init as object), dispatcher } as UndiciInit);
  }) as unknown as typeof globalThis.fetch;
  return { fetch: transportFetch, dispatcher, close: () => dispatcher.close() };
}
