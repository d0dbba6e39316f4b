import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { VectorSearchRequestSchema, VectorSearchResponseSchema } from './models.ts';
import type { VectorSearchRequest, VectorSearchResponse } from './models.ts';

/**
 * Search the knowledge base by similarity. `POST /knowledge/search`. Sends `source_types` `[]`,
 * `limit` 10 and `similarity_threshold` 0.7 unless given.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const { results } = await searchKnowledge(ctx, {
 *   query: 'How do I configure the system?',
 *   agent_id: '1b4e28ba-2fa1-4d2b-883f-0016d3cca427',
 *   source_types: [KnowledgeSourceType.DOCUMENT],
 *   limit: 5,
 *   similarity_threshold: 0.7,
 * });
 * for (const result of results) console.log(result.similarity_score, result.item.content);
 * ```
 * @param request The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function searchKnowledge(ctx: Context, request: VectorSearchRequest, options?: CallOptions): Promise<VectorSearchResponse> {
  return call(ctx, { name: 'searchKnowledge', method: 'POST', path: '/knowledge/search', body: request, input: VectorSearchRequestSchema, output: VectorSearchResponseSchema }, options);
}
