/**
 * `@symbiont/knowledge`: Knowledge base, vector search and RAG context.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API): on the open-source
 * runtime v1.19 these routes answer 404 with an empty body, a `NotFoundError` saying the runtime
 * does not serve the route. The mock runtime serves them unless started with `enterprise: false`.
 *
 * @packageDocumentation
 */
export { addKnowledgeItem } from './addKnowledgeItem.ts';
export { searchKnowledge } from './searchKnowledge.ts';
export { getContext } from './getContext.ts';
export { deleteKnowledgeItem } from './deleteKnowledgeItem.ts';
export {
  KnowledgeSourceType,
  type ContextQuery,
  type ContextResponse,
  type KnowledgeItem,
  type StoredKnowledgeItem,
  type StoredVectorMetadata,
  type VectorMetadata,
  type VectorSearchRequest,
  type VectorSearchResponse,
  type VectorSearchResult,
} from './models.ts';
