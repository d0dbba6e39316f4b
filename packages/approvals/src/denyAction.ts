import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ResolveRequestSchema } from './models.ts';
import type { ResolveRequest } from './models.ts';

/**
 * Deny a held action. `POST /approvals/{id}/deny`; resolves to `undefined`. Served by the
 * open-source runtime; admin keys only (a scoped key gets a `PermissionDeniedError`).
 *
 * The runtime forgets an action once it is decided (or has expired, denied), so deciding an
 * unknown or already decided action is a `NotFoundError` (`code: 'not_found'`); only two
 * decisions racing on the same action give a 409 `already_resolved` (`ConflictError`). The body
 * is sent only when `decision` is given. Like every POST, it is retried only when the call sets
 * `retry: true` or an `idempotencyKey`.
 *
 * @example
 * ```ts
 * await denyAction(ctx, action.id, { reason: 'checked by the on-call engineer' });
 * ```
 * @param id The held action's id (from `listApprovals` or `watchApprovals`).
 * @param decision Optional `{ reason }`, kept in the runtime's audit trail.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function denyAction(ctx: Context, id: string, decision?: ResolveRequest, options?: CallOptions): Promise<void> {
  return call(ctx, {
    name: 'denyAction',
    method: 'POST',
    path: '/approvals/{id}/deny',
    params: [id],
    body: decision,
    input: decision === undefined ? undefined : ResolveRequestSchema,
  }, options);
}
