/**
 * Knowledge base, vector search and RAG context (contract: "Knowledge, vector search and RAG").
 *
 * Behaviour of this mock, beyond what the contract fixes:
 * - `POST /knowledge` with an id that already exists replaces the item (an upsert, as vector
 *   databases do) and answers `{ id, status: "updated" }`; a new id answers `{ id, status: "created" }`.
 * - Similarity is a real cosine similarity. Both sides are compared by their embeddings when the
 *   request carries a `query_embedding` (an extension of this mock; the SDK's request has no such
 *   field) and the item has an embedding of the same length; otherwise by term-frequency vectors of
 *   the lower-cased word tokens (letters and digits) of the query and of the item's `content`.
 * - Filters: `agent_id` keeps items whose `metadata.agent_id` equals it or is absent;
 *   non-empty `source_types` keeps items of those types.
 * - Search: results with `similarity_score >= similarity_threshold`, most similar first (ties in
 *   insertion order), cut to `limit`. `total_results` counts every item that passed the filters
 *   and the threshold, before the cut to `limit`.
 * - RAG context: the best `max_context_items` items with a relevance above 0 (no threshold);
 *   `include_conversation_history: false` leaves out items of source type `conversation`.
 * - `vector_db_items` in `GET /metrics` is the number of stored items.
 */
import { HttpError, json, notFound } from '../responses.ts';
import type { Route } from '../routes.ts';
import type { State } from '../state.ts';
import { checkShape, isObject, type Issue, type Shape } from '../validate.ts';

/** The contract's KnowledgeSourceType values. */
export const KNOWLEDGE_SOURCE_TYPES: readonly string[] = ['document', 'code', 'api_reference', 'conversation'];

/** A knowledge item as stored (and answered in search results). */
export interface StoredKnowledgeItem {
  id: string;
  content: string;
  embedding?: number[];
  metadata: {
    source: string;
    source_type: string;
    chunk_index?: number;
    /** ISO-8601, as received. */
    timestamp: string;
    agent_id?: string;
  };
}

const ITEM_SHAPE: Shape = { id: 'string', content: 'string', embedding: 'number[]?', metadata: 'object' };
const METADATA_SHAPE: Shape = { source: 'string', source_type: 'string', chunk_index: 'integer?', timestamp: 'string', agent_id: 'string?' };
const SEARCH_SHAPE: Shape = {
  query: 'string',
  agent_id: 'string?',
  source_types: 'string[]?',
  limit: 'integer?',
  similarity_threshold: 'number?',
  query_embedding: 'number[]?',
};
const CONTEXT_SHAPE: Shape = {
  query: 'string',
  agent_id: 'string?',
  max_context_items: 'integer?',
  include_conversation_history: 'boolean?',
  query_embedding: 'number[]?',
};

function rejectIssues(issues: Issue[]): void {
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.path || 'body'}: expected ${issue.expected}`).join('; ');
  throw new HttpError(400, 'VALIDATION_ERROR', `invalid request body: ${summary}`, { details: { issues } });
}

function checkSourceType(value: unknown, path: string, issues: Issue[]): void {
  if (typeof value === 'string' && !KNOWLEDGE_SOURCE_TYPES.includes(value)) {
    issues.push({ path, expected: `one of ${KNOWLEDGE_SOURCE_TYPES.join(', ')}` });
  }
}

function checkNonNegative(value: unknown, path: string, issues: Issue[]): void {
  if (typeof value === 'number' && value < 0) issues.push({ path, expected: 'a non-negative integer' });
}

/** Validates a `POST /knowledge` body (400 `VALIDATION_ERROR` listing every issue otherwise). */
function parseItem(body: unknown): StoredKnowledgeItem {
  const issues = checkShape(body, ITEM_SHAPE);
  if (isObject(body)) {
    if (body.id === '') issues.push({ path: 'id', expected: 'a non-empty string' });
    if (isObject(body.metadata)) {
      const metadata = body.metadata;
      issues.push(...checkShape(metadata, METADATA_SHAPE).map((issue) => ({ ...issue, path: `metadata.${issue.path}` })));
      checkSourceType(metadata.source_type, 'metadata.source_type', issues);
      checkNonNegative(metadata.chunk_index, 'metadata.chunk_index', issues);
      if (typeof metadata.timestamp === 'string' && Number.isNaN(Date.parse(metadata.timestamp))) {
        issues.push({ path: 'metadata.timestamp', expected: 'an ISO-8601 date-time' });
      }
    }
  }
  rejectIssues(issues);
  const item = body as unknown as StoredKnowledgeItem;
  const { source, source_type, chunk_index, timestamp, agent_id } = item.metadata;
  return {
    id: item.id,
    content: item.content,
    ...(item.embedding == null ? {} : { embedding: [...item.embedding] }),
    metadata: {
      source,
      source_type,
      ...(chunk_index == null ? {} : { chunk_index }),
      timestamp,
      ...(agent_id == null ? {} : { agent_id }),
    },
  };
}

/** Lower-cased word tokens (runs of letters and digits). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The term-frequency vector of a text: token → count. */
export function termFrequencies(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

function norm(values: Iterable<number>): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum);
}

/** Cosine similarity of two term-frequency vectors (0 when either is empty). */
export function tfCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [token, count] of a) dot += count * (b.get(token) ?? 0);
  const denominator = norm(a.values()) * norm(b.values());
  return denominator === 0 ? 0 : dot / denominator;
}

/** Cosine similarity of two dense vectors of the same length (0 when either is all zeros). */
export function denseCosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (const [index, value] of a.entries()) dot += value * (b[index] ?? 0);
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

interface Scored {
  item: StoredKnowledgeItem;
  score: number;
}

/** Scores every item that passes `keep` against the query, most similar first (stable). */
function rank(state: State, query: string, queryEmbedding: number[] | null | undefined, keep: (item: StoredKnowledgeItem) => boolean): Scored[] {
  const queryTerms = termFrequencies(query);
  const scored: Scored[] = [];
  for (const item of state.knowledge.values()) {
    if (!keep(item)) continue;
    const score =
      queryEmbedding != null && item.embedding != null && item.embedding.length === queryEmbedding.length
        ? denseCosine(queryEmbedding, item.embedding)
        : tfCosine(queryTerms, termFrequencies(item.content));
    scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score);
}

function forAgent(agentId: string | null | undefined): (item: StoredKnowledgeItem) => boolean {
  return (item) => agentId == null || item.metadata.agent_id == null || item.metadata.agent_id === agentId;
}

/** Knowledge routes, registered by `startMockRuntime`. */
export const knowledgeRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/knowledge',
    handler: (req, state) => {
      const item = parseItem(req.body);
      const existed = state.knowledge.has(item.id);
      state.knowledge.set(item.id, item);
      return json({ id: item.id, status: existed ? 'updated' : 'created' });
    },
  },
  {
    method: 'POST',
    pattern: '/knowledge/search',
    handler: (req, state) => {
      const body = req.body;
      const issues = checkShape(body, SEARCH_SHAPE);
      if (isObject(body)) {
        if (Array.isArray(body.source_types)) body.source_types.forEach((type, index) => checkSourceType(type, `source_types.${index}`, issues));
        checkNonNegative(body.limit, 'limit', issues);
      }
      rejectIssues(issues);
      const request = body as {
        query: string;
        agent_id?: string;
        source_types?: string[];
        limit?: number;
        similarity_threshold?: number;
        query_embedding?: number[];
      };
      const types = request.source_types ?? [];
      const limit = request.limit ?? 10;
      const threshold = request.similarity_threshold ?? 0.7;
      const byAgent = forAgent(request.agent_id);
      const matched = rank(state, request.query, request.query_embedding, (item) => byAgent(item) && (types.length === 0 || types.includes(item.metadata.source_type)))
        .filter(({ score }) => score >= threshold);
      return json({
        results: matched.slice(0, limit).map(({ item, score }) => ({ item, similarity_score: score })),
        query: request.query,
        total_results: matched.length,
      });
    },
  },
  {
    method: 'POST',
    pattern: '/rag/context',
    handler: (req, state) => {
      const body = req.body;
      const issues = checkShape(body, CONTEXT_SHAPE);
      if (isObject(body)) checkNonNegative(body.max_context_items, 'max_context_items', issues);
      rejectIssues(issues);
      const request = body as {
        query: string;
        agent_id?: string;
        max_context_items?: number;
        include_conversation_history?: boolean;
        query_embedding?: number[];
      };
      const withConversations = request.include_conversation_history ?? true;
      const byAgent = forAgent(request.agent_id);
      const best = rank(state, request.query, request.query_embedding, (item) => byAgent(item) && (withConversations || item.metadata.source_type !== 'conversation'))
        .filter(({ score }) => score > 0)
        .slice(0, request.max_context_items ?? 5);
      return json({
        context_items: best.map(({ item }) => item.content),
        sources: best.map(({ item }) => item.metadata.source),
        query: request.query,
        relevance_scores: best.map(({ score }) => score),
      });
    },
  },
  {
    method: 'DELETE',
    pattern: '/knowledge/{item_id}',
    handler: (req, state) => {
      const id = req.params.item_id ?? '';
      if (!state.knowledge.delete(id)) throw notFound('knowledge item', id);
      return json({ id, status: 'deleted' });
    },
  },
];
