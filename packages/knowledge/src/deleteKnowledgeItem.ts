import type { Context } from '@symbiont/core';
import { anyObject, call, type CallOptions } from '@symbiont/core/kernel';

/**
 * Remove an item from the knowledge base. `DELETE /knowledge/{item_id}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await deleteKnowledgeItem(ctx, 'doc-001');
 * ```
 * @param itemId The item's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function deleteKnowledgeItem(ctx: Context, itemId: string, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'deleteKnowledgeItem', method: 'DELETE', path: '/knowledge/{item_id}', params: [itemId], output: anyObject }, options);
}
