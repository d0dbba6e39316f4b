import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';

/**
 * Liveness probe: resolves `true` when the runtime's process answers. `GET /health/live`
 * (public: works without an API key); any failure rejects.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * if (await isLive(ctx)) console.log('the runtime is up');
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function isLive(ctx: Context, options?: CallOptions): Promise<true> {
  return call(ctx, { name: 'isLive', method: 'GET', path: '/health/live' }, options).then(() => true);
}
