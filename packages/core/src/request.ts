import type { Context } from './createContext.ts';
import { ValidationError } from './errors.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';

/** A request to an endpoint the SDK does not wrap yet. */
export interface RequestSpec {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /**
   * Path after the base URL, starting with `/`, without `.`/`..` segments (literal or
   * percent-encoded), `?`, `#` (filters go in `query`), `\` or control characters. `{name}`
   * placeholders are filled from `params`, percent-encoded.
   */
  path: string;
  /** Values for the path's `{placeholders}`, in order. */
  params?: readonly string[];
  /** Query parameters; `undefined` ones are not sent. */
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body; `Date`s are sent as ISO strings. */
  body?: unknown;
}

/**
 * Call any endpoint of the runtime with the SDK's auth, retries, timeouts and errors. The
 * response is parsed JSON (not validated), or `undefined` for an empty body.
 *
 * @example
 * ```ts
 * const status = await request<{ state: string }>(ctx, { method: 'GET', path: '/agents/{id}/status', params: ['3f2b8c1e-6a7d-4e2f-9b1a-0c5d8e7f6a42'] });
 * ```
 */
export async function request<T = unknown>(ctx: Context, spec: RequestSpec, options?: CallOptions): Promise<T> {
  const { method, path } = spec ?? {};
  if (!['GET', 'POST', 'PUT', 'DELETE', 'HEAD'].includes(method)) {
    throw new ValidationError('request', [{ path: 'method', expected: 'GET, POST, PUT, DELETE or HEAD', message: 'method: expected GET, POST, PUT, DELETE or HEAD' }]);
  }
  // Filters go in `query`; a dot segment (literal or percent-encoded), a backslash (read as `/`)
  // or a control character (tab, CR and LF are dropped by URL parsing) would leave the base path.
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#\\\0-\x1f\x7f]|\/(\.|%2e){1,2}(\/|$)/i.test(path)) {
    const expected = "a path starting with '/', without '.' or '..' segments (literal or percent-encoded), '?', '#', '\\' or control characters";
    throw new ValidationError('request', [{ path: 'path', expected, message: `path: expected ${expected}` }]);
  }
  return call<T>(ctx, { name: 'request', method, path, params: spec.params, query: spec.query, body: spec.body }, options);
}
