import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ChannelSummaryListSchema, type ChannelSummary } from './models.ts';

/**
 * List the registered chat channel adapters. `GET /channels`. Admin only.
 *
 * The open-source runtime serves it but always answers `[]` (its own chat adapters are not
 * reachable through this API); runtimes with a channel provider (Enterprise) list theirs.
 *
 * @example
 * ```ts
 * for (const channel of await listChannels(ctx)) console.log(channel.name, channel.platform, channel.status);
 * ```
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listChannels(ctx: Context, options?: CallOptions): Promise<ChannelSummary[]> {
  return call(ctx, { name: 'listChannels', method: 'GET', path: '/channels', output: ChannelSummaryListSchema }, options);
}
