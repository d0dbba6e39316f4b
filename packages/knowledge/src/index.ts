/**
 * `@symbiont/knowledge`: Knowledge base, vector search and RAG context.
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
