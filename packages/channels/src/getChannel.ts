import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelDetailSchema, type ChannelDetail } from './models.ts';

/**
 * One channel adapter in full, its `config` included. `GET /channels/{id}`. Admin only. An
 * unknown channel is a `NotFoundError` (404 `CHANNEL_NOT_FOUND`). The answer carries the channel's
 * `config` (tokens, secrets): a response that does not fit is a `ResponseValidationError` with no
 * part of the body in it.
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_NOT_FOUND`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const channel = await getChannel(ctx, channelId);
 * console.log(channel.name, channel.status, channel.updated_at.toISOString());
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getChannel(ctx: Context, channelId: string, options?: CallOptions): Promise<ChannelDetail> {
  return call(ctx, { name: 'getChannel', method: 'GET', path: '/channels/{id}', params: [channelId], output: ChannelDetailSchema, sensitive: true }, options);
}
