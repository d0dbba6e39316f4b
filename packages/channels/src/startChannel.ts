import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelActionSchema, type ChannelAction } from './models.ts';

/**
 * Start a channel adapter (connect it to its platform); answers `{ id, action
 * `POST /channels/{id}/start`, no body. Admin only. An unknown channel is a `NotFoundError`
 * (404 `CHANNEL_START_FAILED`). A POST: retried only with `retry: true` or an `idempotencyKey`.
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_START_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const { status } = await startChannel(ctx, channelId); //  "start", status: "running" }`.:'running'
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function startChannel(ctx: Context, channelId: string, options?: CallOptions): Promise<ChannelAction> {
  return call(ctx, { name: 'startChannel', method: 'POST', path: '/channels/{id}/start', params: [channelId], output: ChannelActionSchema }, options);
}
