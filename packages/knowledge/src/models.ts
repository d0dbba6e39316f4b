/**
 * Models of the knowledge base, vector search and RAG endpoints, each a TypeScript type with the
 * wire's snake_case names and the valibot schema that checks it.
 */
import * as v from 'valibot';
import { dateTime, dateTimeInput, enumObject, int, knownString, oneOf, nullish, type Schema } from '@symbiont/core/kernel';

/** Where a knowledge item comes from. */
export type KnowledgeSourceType = 'document' | 'code' | 'api_reference' | 'conversation';

/** The knowledge source types as constants: `KnowledgeSourceType.DOCUMENT === 'document'`. */
export const KnowledgeSourceType = /* @__PURE__ */ enumObject({
  DOCUMENT: 'document',
  CODE: 'code',
  API_REFERENCE: 'api_reference',
  CONVERSATION: 'conversation',
});

/** Metadata of a knowledge item, as sent to `addKnowledgeItem`. */
export interface VectorMetadata {
  /** Where the content came from (a file name, a URL…); `getContext` answers it in `sources`. */
  source: string;
  source_type: KnowledgeSourceType;
  /** Position of this chunk in its source, when the source was split. */
  chunk_index?: number | null;
  /** When the content was captured: a `Date` or an ISO-8601 string, sent as an ISO string. */
  timestamp: Date | string;
  /** The agent the item belongs to; items without one are shared by every agent. */
  agent_id?: string | null;
}

/** A piece of knowledge, the body of `addKnowledgeItem`. */
export interface KnowledgeItem {
  /** The item's id; `deleteKnowledgeItem` takes it. */
  id: string;
  content: string;
  /** A precomputed embedding of `content`, when you have one. */
  embedding?: number[] | null;
  metadata: VectorMetadata;
}

/** Metadata of a knowledge item as the runtime answers it (`timestamp` is a `Date`). */
export interface StoredVectorMetadata {
  source: string;
  source_type: KnowledgeSourceType | (string & {});
  chunk_index?: number | null;
  timestamp: Date;
  agent_id?: string | null;
  [field: string]: unknown;
}

/** A knowledge item as the runtime answers it in search results. */
export interface StoredKnowledgeItem {
  id: string;
  content: string;
  embedding?: number[] | null;
  metadata: StoredVectorMetadata;
  [field: string]: unknown;
}

/** The body of `searchKnowledge`. Defaults are applied before sending. */
export interface VectorSearchRequest {
  query: string;
  /** Only this agent's items (and items of no agent). */
  agent_id?: string | null;
  /** Only these source types; `[]` (default, also for `null`) means all. */
  source_types?: KnowledgeSourceType[] | null;
  /** At most this many results (default 10, also for `null`). */
  limit?: number | null;
  /** Only results at least this similar (default 0.7, also for `null`). */
  similarity_threshold?: number | null;
}

/** One search hit. */
export interface VectorSearchResult {
  item: StoredKnowledgeItem;
  similarity_score: number;
  [field: string]: unknown;
}

/** What `searchKnowledge` answers. */
export interface VectorSearchResponse {
  /** The hits, most similar first. */
  results: VectorSearchResult[];
  query: string;
  total_results: number;
  [field: string]: unknown;
}

/** The body of `getContext`. Defaults are applied before sending. */
export interface ContextQuery {
  query: string;
  agent_id?: string | null;
  /** At most this many context items (default 5, also for `null`). */
  max_context_items?: number | null;
  /** Whether conversation history may be used as context (default true, also for `null`). */
  include_conversation_history?: boolean | null;
}

/** What `getContext` answers: parallel arrays, best item first. */
export interface ContextResponse {
  /** The content of each context item. */
  context_items: string[];
  /** The `metadata.source` of each context item. */
  sources: string[];
  query: string;
  /** The relevance of each context item. */
  relevance_scores: number[];
  [field: string]: unknown;
}

// Schemas. Request objects are strict (unknown keys refused); response objects are loose.

const sourceType = /* @__PURE__ */ oneOf(['document', 'code', 'api_reference', 'conversation']);
const optionalString = /* @__PURE__ */ nullish(/* @__PURE__ */ v.string());
const embedding = /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.number()));
const strings = /* @__PURE__ */ v.array(/* @__PURE__ */ v.string());

export const KnowledgeItemSchema: Schema<KnowledgeItem> = /* @__PURE__ */ v.strictObject({
  id: /* @__PURE__ */ v.string(),
  content: /* @__PURE__ */ v.string(),
  embedding,
  metadata: /* @__PURE__ */ v.strictObject({
    source: /* @__PURE__ */ v.string(),
    source_type: sourceType,
    chunk_index: /* @__PURE__ */ nullish(int),
    timestamp: dateTimeInput,
    agent_id: optionalString,
  }),
});

export const VectorSearchRequestSchema: Schema<VectorSearchRequest> = /* @__PURE__ */ v.strictObject({
  query: /* @__PURE__ */ v.string(),
  agent_id: optionalString,
  source_types: /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(sourceType), []),
  limit: /* @__PURE__ */ nullish(int, 10),
  similarity_threshold: /* @__PURE__ */ nullish(/* @__PURE__ */ v.number(), 0.7),
});

export const ContextQuerySchema: Schema<ContextQuery> = /* @__PURE__ */ v.strictObject({
  query: /* @__PURE__ */ v.string(),
  agent_id: optionalString,
  max_context_items: /* @__PURE__ */ nullish(int, 5),
  include_conversation_history: /* @__PURE__ */ nullish(/* @__PURE__ */ v.boolean(), true),
});

export const VectorSearchResponseSchema: Schema<VectorSearchResponse> = /* @__PURE__ */ v.looseObject({
  results: /* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({
    item: /* @__PURE__ */ v.looseObject({
      id: /* @__PURE__ */ v.string(),
      content: /* @__PURE__ */ v.string(),
      embedding,
      metadata: /* @__PURE__ */ v.looseObject({
        source: /* @__PURE__ */ v.string(),
        source_type: /* @__PURE__ */ knownString<KnowledgeSourceType>(),
        chunk_index: /* @__PURE__ */ nullish(int),
        timestamp: dateTime,
        agent_id: optionalString,
      }),
    }),
    similarity_score: /* @__PURE__ */ v.number(),
  })),
  query: /* @__PURE__ */ v.string(),
  total_results: int,
});

export const ContextResponseSchema: Schema<ContextResponse> = /* @__PURE__ */ v.looseObject({
  context_items: strings,
  sources: strings,
  query: /* @__PURE__ */ v.string(),
  relevance_scores: /* @__PURE__ */ v.array(/* @__PURE__ */ v.number()),
});
