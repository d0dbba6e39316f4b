import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { APIError } from './errors.ts';

/**
 * Readiness probe: `true` when the runtime accepts work (200), `false` while it is still starting
 * (503: the runtime's first 5 seconds). `GET /health/ready` (public: works without an API key).
 * A 503 is an answer here, never retried; other failures follow the normal retry rules (a
 * network error, a 502 or 504 is retried) and reject when the retries run out.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * while (!(await isReady(ctx))) await new Promise((resolve) => setTimeout(resolve, 1_000));
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function isReady(ctx: Context, options?: CallOptions): Promise<boolean> {
  return call(ctx, { name: 'isReady', method: 'GET', path: '/health/ready', answers: [503] }, options).then(
    () => true,
    (error: unknown) => {
      if (error instanceof APIError && error.status == 503) return false;
      throw error;
    },
  );
}
