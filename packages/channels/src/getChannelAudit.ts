import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelAuditResponseSchema, type ChannelAuditResponse } from './models.ts';

/**
 * A channel's newest 50 audit log entries. `GET /channels/{id}/audit`. Admin only. The runtime
 * always answers 50 at most and ignores query parameters, so none are sent. An unknown channel is
 * a `NotFoundError` (404 `CHANNEL_AUDIT_FAILED`).
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_AUDIT_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const { entries } = await getChannelAudit(ctx, channelId);
 * for (const entry of entries) console.log(entry.timestamp.toISOString(), entry.event_type, entry.user_id);
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getChannelAudit(ctx: Context, channelId: string, options?: CallOptions): Promise<ChannelAuditResponse> {
  return call(ctx, { name: 'getChannelAudit', method: 'GET', path: '/channels/{id}/audit', params: [channelId], output: ChannelAuditResponseSchema }, options);
}
