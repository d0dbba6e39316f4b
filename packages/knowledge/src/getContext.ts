import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { ContextQuerySchema, ContextResponseSchema } from './models.ts';
import type { ContextQuery, ContextResponse } from './models.ts';

/**
 * Retrieve context for retrieval-augmented generation. `POST /rag/context`. Sends
 * `max_context_items` 5 and `include_conversation_history` true unless given.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const context = await getContext(ctx, { query: 'How do I set up authentication?', agent_id: '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', max_context_items: 3 });
 * console.log(context.context_items.length, context.sources);
 * ```
 * @param query The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getContext(ctx: Context, query: ContextQuery, options?: CallOptions): Promise<ContextResponse> {
  return call(ctx, { name: 'getContext', method: 'POST', path: '/rag/context', body: query, input: ContextQuerySchema, output: ContextResponseSchema }, options);
}
