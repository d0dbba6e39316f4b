import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { MessageStatusResponseSchema } from './models.ts';
import type { MessageStatusResponse } from './models.ts';

/**
 * A message's delivery status: `pending`, `delivered`, `failed` or `expired`.
 * `GET /messages/{message_id}/status`. Served by the open-source runtime, for unscoped keys only
 * (a scoped key gets a `PermissionDeniedError`, `AGENT_SCOPE_DENIED`).
 *
 * A message id that is not a UUID is an `APIError` with status 400 (`INVALID_MESSAGE_ID`); an
 * unknown one a `NotFoundError` (`MESSAGE_STATUS_FAILED`).
 *
 * @example
 * ```ts
 * const { status } = await getMessageStatus(ctx, messageId);
 * if (status === MessageStatus.DELIVERED) console.log('in the recipient\'s inbox');
 * ```
 * @param messageId The id `sendMessage` returned.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getMessageStatus(ctx: Context, messageId: string, options?: CallOptions): Promise<MessageStatusResponse> {
  return call(ctx, { name: 'getMessageStatus', method: 'GET', path: '/messages/{message_id}/status', params: [messageId], output: MessageStatusResponseSchema }, options);
}
