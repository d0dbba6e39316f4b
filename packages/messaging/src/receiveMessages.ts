import type { CallOptions, Context } from '@symbiont/core';
import { call } from '@symbiont/core/kernel';
import { ReceiveMessagesResponseSchema } from './models.ts';
import type { ReceiveMessagesResponse } from './models.ts';

/**
 * Take an agent's pending messages. `GET /agents/{agent_id}/messages`. Served by the open-source
 * runtime.
 *
 * A destructive read: the runtime removes the messages it returns, so this call is **never
 * retried** — not after a network error, a timeout or a 5xx, not even with `retry: true` or an
 * `idempotencyKey` — because a retry would lose the batch the failed attempt consumed. An agent
 * that is not on the runtime's message bus is a `NotFoundError` (`AGENT_NOT_FOUND`). To keep
 * reading, use {@link watchMessages}.
 *
 * @example
 * ```ts
 * const { messages } = await receiveMessages(ctx, agentId);
 * for (const message of messages) console.log(`${message.sender}: ${message.payload}`);
 * ```
 * @param agentId The agent whose inbox to read.
 * @param options Per-call options (signal, timeout, headers); retry options have no effect.
 */
export function receiveMessages(ctx: Context, agentId: string, options?: CallOptions): Promise<ReceiveMessagesResponse> {
  return call(ctx, {
    name: 'receiveMessages',
    method: 'GET',
    path: '/agents/{agent_id}/messages',
    params: [agentId],
    output: ReceiveMessagesResponseSchema,
    retry: false,
  }, options);
}
