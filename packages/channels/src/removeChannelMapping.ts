import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';

/**
 * Remove a platform user's identity mapping from a channel. `DELETE /channels/{id}/mappings/{user_id}`
 * (204, resolves to `undefined`). Admin only. An unknown channel or user is a `NotFoundError`
 * (404 `REMOVE_CHANNEL_MAPPING_FAILED`).
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `REMOVE_CHANNEL_MAPPING_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * await removeChannelMapping(ctx, channelId, 'U024BE7LH');
 * ```
 * @param channelId The channel's id.
 * @param platformUserId The mapped user's id on the chat platform.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function removeChannelMapping(ctx: Context, channelId: string, platformUserId: string, options?: CallOptions): Promise<void> {
  return call<void>(ctx, { name: 'removeChannelMapping', method: 'DELETE', path: '/channels/{id}/mappings/{user_id}', params: [channelId, platformUserId] }, options);
}
