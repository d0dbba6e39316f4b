import type { Context } from '@symbiont/core';
import { anyObject, call, type CallOptions } from '@symbiont/core/kernel';
import { KnowledgeItemSchema } from './models.ts';
import type { KnowledgeItem } from './models.ts';

/**
 * Add an item to the knowledge base. `POST /knowledge`. A `Date` in `metadata.timestamp` is sent
 * as an ISO-8601 string.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await addKnowledgeItem(ctx, {
 *   id: 'doc-001',
 *   content: 'This is important documentation about the system...',
 *   metadata: { source: 'documentation.md', source_type: KnowledgeSourceType.DOCUMENT, timestamp: new Date(), agent_id: '1b4e28ba-2fa1-4d2b-883f-0016d3cca427' },
 * });
 * ```
 * @param item The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function addKnowledgeItem(ctx: Context, item: KnowledgeItem, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'addKnowledgeItem', method: 'POST', path: '/knowledge', body: item, input: KnowledgeItemSchema, output: anyObject }, options);
}
