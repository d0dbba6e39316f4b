import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelSummarySchema, configSecrets, RegisterChannelRequestSchema, type ChannelSummary, type RegisterChannelRequest } from './models.ts';

/**
 * Register a chat channel adapter (Slack, Microsoft Teams or Mattermost). `POST /channels` (201).
 * Admin only. Every string value of `config`, at any depth, is a credential: it never appears in
 * an error, its `cause`, a log line or a hook argument, even when the runtime echoes the request.
 *
 * On the open-source runtime this route is mounted but answers 500 `REGISTER_CHANNEL_FAILED`;
 * runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const channel = await registerChannel(ctx, {
 *   name: 'ops-slack', platform: ChannelPlatform.SLACK,
 *   config: { bot_token: process.env.SLACK_BOT_TOKEN, signing_secret: process.env.SLACK_SIGNING_SECRET },
 * });
 * console.log(channel.id, channel.status);
 * ```
 * @param request The channel's name, platform and platform settings.
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function registerChannel(ctx: Context, request: RegisterChannelRequest, options?: CallOptions): Promise<ChannelSummary> {
  return call(
    ctx,
    { name: 'registerChannel', method: 'POST', path: '/channels', body: request, input: RegisterChannelRequestSchema, output: ChannelSummarySchema, credentials: (body: RegisterChannelRequest) => configSecrets(body.config) },
    options,
  );
}
