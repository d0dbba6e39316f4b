import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { IdentityMappingListSchema, type IdentityMapping } from './models.ts';

/**
 * The identity mappings of a channel: which platform user is which Symbiont user.
 * `GET /channels/{id}/mappings`. Admin only. An unknown channel is a `NotFoundError`
 * (404 `CHANNEL_MAPPINGS_FAILED`).
 *
 * On the open-source runtime this route is mounted but answers every id with 404
 * `CHANNEL_MAPPINGS_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * for (const mapping of await listChannelMappings(ctx, channelId)) {
 *   console.log(mapping.platform_user_id, '→', mapping.symbiont_user_id, mapping.roles);
 * }
 * ```
 * @param channelId The channel's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listChannelMappings(ctx: Context, channelId: string, options?: CallOptions): Promise<IdentityMapping[]> {
  return call(ctx, { name: 'listChannelMappings', method: 'GET', path: '/channels/{id}/mappings', params: [channelId], output: IdentityMappingListSchema }, options);
}
