import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelActionSchema, type ChannelAction } from './models.ts';

/**
 * Stop a channel adapter (disconnect it); answers `{ id, action
 * `POST /channels/{id}/stop`, no body. Admin only. An unknown channel is a `NotFoundError`
 * (404 `CHANNEL_STOP_FAILED`). A POST: retried only with `retry: true` or an `idempotencyKey`.
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_STOP_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const { status } = await stopChannel(ctx, channelId); //  "stop", status: "stopped" }`.:'stopped'
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function stopChannel(ctx: Context, channelId: string, options?: CallOptions): Promise<ChannelAction> {
  return call(ctx, { name: 'stopChannel', method: 'POST', path: '/channels/{id}/stop', params: [channelId], output: ChannelActionSchema }, options);
}
