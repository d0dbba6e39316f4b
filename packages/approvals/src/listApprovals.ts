import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { HeldActionListSchema } from './models.ts';
import type { HeldAction } from './models.ts';

/**
 * The actions the runtime holds for a human decision (normally all `pending`). `GET /approvals`.
 * Served by the open-source runtime, to any valid key (scoped or not). The runtime forgets an
 * action once it is decided or expires, so it is listed only while it waits.
 *
 * @example
 * ```ts
 * for (const action of await listApprovals(ctx)) {
 *   console.log(`${action.id} ${action.kind}: ${action.summary} (until ${action.expires_at.toISOString()})`);
 * }
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listApprovals(ctx: Context, options?: CallOptions): Promise<HeldAction[]> {
  return call(ctx, { name: 'listApprovals', method: 'GET', path: '/approvals', output: HeldActionListSchema }, options);
}
