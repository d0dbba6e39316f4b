import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelDetailSchema, configSecrets, UpdateChannelRequestSchema, type ChannelDetail, type UpdateChannelRequest } from './models.ts';

/**
 * Replace a channel adapter's platform settings. `PUT /channels/{id}`. Admin only. Every string
 * value of `config`, at any depth, is a credential (never in an error or log line). The runtime
 * answers a failure, an unknown channel included, with 500 `UPDATE_CHANNEL_FAILED` (final, not
 * retried). The answer carries the `config`: a response that does not fit is a
 * `ResponseValidationError` with no part of the body in it.
 *
 * On the open-source runtime this route is mounted but always answers 500 `UPDATE_CHANNEL_FAILED`;
 * runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const channel = await updateChannel(ctx, channelId, { config: { bot_token: 'xoxb-new-token' } });
 * console.log(channel.updated_at.toISOString());
 * ```
 * @param channelId The channel's id.
 * @param request The new `config`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function updateChannel(ctx: Context, channelId: string, request: UpdateChannelRequest, options?: CallOptions): Promise<ChannelDetail> {
  return call(
    ctx,
    { name: 'updateChannel', method: 'PUT', path: '/channels/{id}', params: [channelId], body: request, input: UpdateChannelRequestSchema, output: ChannelDetailSchema, sensitive: true, credentials: (body: UpdateChannelRequest) => configSecrets(body.config) },
    options,
  );
}
