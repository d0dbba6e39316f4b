import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { AddIdentityMappingRequestSchema, IdentityMappingSchema, type AddIdentityMappingRequest, type IdentityMapping } from './models.ts';

/**
 * Link a platform user to a Symbiont user on a channel. `POST /channels/{id}/mappings` (201).
 * Admin only. The runtime answers a failure, an unknown channel included, with 500
 * `ADD_CHANNEL_MAPPING_FAILED` (final, not retried).
 *
 * On the open-source runtime this route is mounted but always answers 500
 * `ADD_CHANNEL_MAPPING_FAILED`; runtimes with a channel provider (Enterprise) serve it.
 *
 * @example
 * ```ts
 * const mapping = await addChannelMapping(ctx, channelId, {
 *   platform_user_id: 'U024BE7LH', symbiont_user_id: 'alice', display_name: 'Alice',
 *   roles: ['operator'], email: 'alice@example.com',
 * });
 * console.log(mapping.verified, mapping.created_at.toISOString());
 * ```
 * @param channelId The channel's id.
 * @param request The platform user, the Symbiont user, a display name, roles and an optional email.
 * @param options Per-call options (signal, timeout, retries, headers, idempotencyKey).
 */
export function addChannelMapping(ctx: Context, channelId: string, request: AddIdentityMappingRequest, options?: CallOptions): Promise<IdentityMapping> {
  return call(
    ctx,
    { name: 'addChannelMapping', method: 'POST', path: '/channels/{id}/mappings', params: [channelId], body: request, input: AddIdentityMappingRequestSchema, output: IdentityMappingSchema },
    options,
  );
}
