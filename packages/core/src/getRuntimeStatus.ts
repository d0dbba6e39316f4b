import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { RuntimeStatusSchema } from './models.ts';
import type { RuntimeStatus } from './models.ts';

/**
 * A roll-up of the runtime: version, health, and how many agents, schedules and channels it has.
 * `GET /status` (admin key: a scoped key gets a `PermissionDeniedError`).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const status = await getRuntimeStatus(ctx);
 * console.log(`v${status.version}, healthy: ${status.healthy}, ${status.agent_count} agents`);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getRuntimeStatus(ctx: Context, options?: CallOptions): Promise<RuntimeStatus> {
  return call(ctx, { name: 'getRuntimeStatus', method: 'GET', path: '/status', output: RuntimeStatusSchema }, options);
}
