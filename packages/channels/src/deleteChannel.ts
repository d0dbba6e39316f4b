import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { DeleteChannelResponseSchema, type DeleteChannelResponse } from './models.ts';

/**
 * Delete a channel adapter. `DELETE /channels/{id}`. Admin only. An unknown channel is a
 * `NotFoundError` (404 `CHANNEL_NOT_FOUND`).
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_NOT_FOUND`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const { deleted } = await deleteChannel(ctx, channelId);
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deleteChannel(ctx: Context, channelId: string, options?: CallOptions): Promise<DeleteChannelResponse> {
  return call(ctx, { name: 'deleteChannel', method: 'DELETE', path: '/channels/{id}', params: [channelId], output: DeleteChannelResponseSchema }, options);
}
