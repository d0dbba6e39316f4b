import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelHealthSchema, type ChannelHealth } from './models.ts';

/**
 * A channel adapter's connectivity: connected or not, workspace, active channels, last message
 * and uptime. `GET /channels/{id}/health`. Admin only. An unknown channel is a `NotFoundError`
 * (404 `CHANNEL_HEALTH_FAILED`).
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_HEALTH_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const health = await getChannelHealth(ctx, channelId);
 * console.log(health.connected, health.workspace_name, health.last_message_at?.toISOString());
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getChannelHealth(ctx: Context, channelId: string, options?: CallOptions): Promise<ChannelHealth> {
  return call(ctx, { name: 'getChannelHealth', method: 'GET', path: '/channels/{id}/health', params: [channelId], output: ChannelHealthSchema }, options);
}
