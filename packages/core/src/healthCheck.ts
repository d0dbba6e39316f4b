import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { HealthResponseSchema } from './models.ts';
import type { HealthResponse } from './models.ts';

/**
 * Check the runtime's health. `GET /health` (public: works without an API key).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const health = await healthCheck(ctx);
 * console.log(health.status, health.uptime_seconds, health.version);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function healthCheck(ctx: Context, options?: CallOptions): Promise<HealthResponse> {
  return call(ctx, { name: 'healthCheck', method: 'GET', path: '/health', output: HealthResponseSchema }, options);
}
