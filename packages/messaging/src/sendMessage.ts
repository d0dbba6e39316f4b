import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { SendMessageRequestSchema, SendMessageResponseSchema } from './models.ts';
import type { SendMessageRequest, SendMessageResponse } from './models.ts';

/**
 * Send a message to an agent through the runtime's message bus. `POST /agents/{agent_id}/messages`,
 * where `agentId` is the **recipient**. Served by the open-source runtime.
 *
 * `payload` is a string: stringify JSON yourself. A body over 256 KiB as JSON (the runtime's cap)
 * is a `ValidationError` before anything is sent. `agentpin_jwt` is a credential: it never appears
 * in an error, a log line or a hook argument. Like every POST, it is retried only when the call
 * sets `retry: true` or an `idempotencyKey`.
 *
 * @example
 * ```ts
 * const { message_id, status } = await sendMessage(ctx, recipientId, {
 *   sender: senderId,
 *   payload: JSON.stringify({ task: 'summarise', url: 'https://example.com' }),
 *   ttl_seconds: 60,
 * });
 * console.log(message_id, status); // "…", "pending"
 * ```
 * @param agentId The recipient agent's id.
 * @param request `sender`, `payload`, and optionally `ttl_seconds`, `topic`, `agentpin_jwt`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function sendMessage(ctx: Context, agentId: string, request: SendMessageRequest, options?: CallOptions): Promise<SendMessageResponse> {
  return call(ctx, {
    name: 'sendMessage',
    method: 'POST',
    path: '/agents/{agent_id}/messages',
    params: [agentId],
    body: request,
    input: SendMessageRequestSchema,
    output: SendMessageResponseSchema,
    credentials: (body: SendMessageRequest) => [body.agentpin_jwt],
  }, options);
}
