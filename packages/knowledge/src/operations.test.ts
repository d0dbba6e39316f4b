import {
  APIError,
  AuthenticationError,
  createContext,
  getMetrics,
  NotFoundError,
  ResponseValidationError,
  ValidationError,
  type Context,
} from '@symbiont/core';
import { catchError, json, useMockRuntime, useScriptedServer } from '@symbiont/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addKnowledgeItem,
  deleteKnowledgeItem,
  getContext,
  KnowledgeSourceType,
  searchKnowledge,
  type KnowledgeItem,
} from './index.ts';

const API_KEY = 'knowledge-test-key';

// A fresh mock runtime for every test.
const runtime = useMockRuntime({ apiKey: API_KEY, per: 'test' });

const WHEN = new Date('2024-06-01T12:34:56.789Z');

function doc(id: string, content: string, extra: Partial<KnowledgeItem['metadata']> = {}): KnowledgeItem {
  return { id, content, metadata: { source: `${id}.md`, source_type: KnowledgeSourceType.DOCUMENT, timestamp: WHEN, ...extra } };
}

describe('KnowledgeSourceType', () => {
  it('holds the contract\'s values under UPPER_SNAKE keys, frozen', () => {
    expect(KnowledgeSourceType).toEqual({ DOCUMENT: 'document', CODE: 'code', API_REFERENCE: 'api_reference', CONVERSATION: 'conversation' });
    expect(Object.isFrozen(KnowledgeSourceType)).toBe(true);
  });
});

describe('addKnowledgeItem', () => {
  it('POSTs /knowledge with the item, a Date timestamp as its exact ISO string', async () => {
    const result = await addKnowledgeItem(runtime.ctx, {
      id: 'doc-001',
      content: 'This is important documentation about the system...',
      embedding: [0.1, 0.2],
      metadata: { source: 'documentation.md', source_type: KnowledgeSourceType.DOCUMENT, chunk_index: 0, timestamp: WHEN, agent_id: 'agent-123' },
    });
    expect(result).toEqual({ id: 'doc-001', status: 'created' });
    expect(runtime.mock.requests).toHaveLength(1);
    const [request] = runtime.mock.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/knowledge', query: {} });
    expect(request!.body).toEqual({
      id: 'doc-001',
      content: 'This is important documentation about the system...',
      embedding: [0.1, 0.2],
      metadata: { source: 'documentation.md', source_type: 'document', chunk_index: 0, timestamp: '2024-06-01T12:34:56.789Z', agent_id: 'agent-123' },
    });
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect((await getMetrics(runtime.ctx)).vector_db_items).toBe(1);
  });

  it('sends an ISO string timestamp unchanged and omits optional fields not given', async () => {
    await addKnowledgeItem(runtime.ctx, { id: 'x', content: 'c', metadata: { source: 's', source_type: 'code', timestamp: '2024-01-02T03:04:05Z' } });
    expect(runtime.mock.requests[0]!.body).toEqual({ id: 'x', content: 'c', metadata: { source: 's', source_type: 'code', timestamp: '2024-01-02T03:04:05Z' } });
  });

  it.each([
    ['an unknown source_type', { ...doc('x', 'c'), metadata: { ...doc('x', 'c').metadata, source_type: 'pdf' } }, 'metadata.source_type'],
    ['a timestamp that is not ISO-8601', { ...doc('x', 'c'), metadata: { ...doc('x', 'c').metadata, timestamp: 'yesterday' } }, 'metadata.timestamp'],
    ['an invalid Date', { ...doc('x', 'c'), metadata: { ...doc('x', 'c').metadata, timestamp: new Date('nope') } }, 'metadata.timestamp'],
    ['a fractional chunk_index', { ...doc('x', 'c'), metadata: { ...doc('x', 'c').metadata, chunk_index: 0.5 } }, 'metadata.chunk_index'],
    ['a non-number in embedding', { ...doc('x', 'c'), embedding: [1, '2'] }, 'embedding.1'],
    ['no metadata', { id: 'x', content: 'c' }, 'metadata'],
    ['an unknown metadata key', { ...doc('x', 'c'), metadata: { ...doc('x', 'c').metadata, author: 'me' } }, 'metadata.author'],
    ['an unknown item key', { ...doc('x', 'c'), score: 1 }, 'score'],
    ['a numeric id', { ...doc('x', 'c'), id: 7 }, 'id'],
  ])('refuses %s with a ValidationError, sending nothing', async (_, item, path) => {
    const error = await catchError(addKnowledgeItem(runtime.ctx, item as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('addKnowledgeItem');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('refuses a non-object item', async () => {
    const error = await catchError(addKnowledgeItem(runtime.ctx, undefined as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('searchKnowledge', () => {
  beforeEach(async () => {
    await addKnowledgeItem(runtime.ctx, doc('brown', 'The quick brown fox', { agent_id: 'agent-123' })); // 0.7071 for "quick fox"
    await addKnowledgeItem(runtime.ctx, doc('quick', 'quick quick fox')); // 0.9487
    await addKnowledgeItem(runtime.ctx, doc('code', 'quick fox', { source_type: KnowledgeSourceType.CODE })); // 1
    await addKnowledgeItem(runtime.ctx, doc('other', 'lazy dog', { agent_id: 'agent-9' })); // 0
    runtime.mock.clearRequests();
  });

  it('POSTs /knowledge/search with the defaults source_types [], limit 10, similarity_threshold 0.7', async () => {
    const response = await searchKnowledge(runtime.ctx, { query: 'quick fox' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'POST', path: '/knowledge/search', query: {} });
    expect(runtime.mock.requests[0]!.body).toEqual({ query: 'quick fox', source_types: [], limit: 10, similarity_threshold: 0.7 });
    expect(response.query).toBe('quick fox');
    expect(response.results.map((result) => result.item.id)).toEqual(['code', 'quick', 'brown']);
    expect(response.total_results).toBe(3);
  });

  it('sends every field given and answers items with Date timestamps', async () => {
    const response = await searchKnowledge(runtime.ctx, {
      query: 'quick fox',
      agent_id: 'agent-123',
      source_types: [KnowledgeSourceType.DOCUMENT],
      limit: 5,
      similarity_threshold: 0.5,
    });
    expect(runtime.mock.requests[0]!.body).toEqual({ query: 'quick fox', agent_id: 'agent-123', source_types: ['document'], limit: 5, similarity_threshold: 0.5 });
    expect(response.results.map((result) => result.item.id)).toEqual(['quick', 'brown']);
    const [first, second] = response.results;
    expect(first!.similarity_score).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(second!.similarity_score).toBeCloseTo(Math.SQRT1_2, 12);
    expect(second!.item.metadata.timestamp).toBeInstanceOf(Date);
    expect(second!.item.metadata.timestamp.toISOString()).toBe(WHEN.toISOString());
    expect(second!.item.metadata).toEqual({ source: 'brown.md', source_type: 'document', timestamp: WHEN, agent_id: 'agent-123' });
  });

  it('similarity_threshold really filters, limit really cuts', async () => {
    const strict = await searchKnowledge(runtime.ctx, { query: 'quick fox', similarity_threshold: 0.95 });
    expect(strict.results.map((result) => result.item.id)).toEqual(['code']);
    const loose = await searchKnowledge(runtime.ctx, { query: 'quick fox', similarity_threshold: 0, limit: 2 });
    expect(loose.results.map((result) => result.item.id)).toEqual(['code', 'quick']);
    expect(loose.total_results).toBe(4);
  });

  it('accepts every KnowledgeSourceType in source_types', async () => {
    const all = Object.values(KnowledgeSourceType);
    const response = await searchKnowledge(runtime.ctx, { query: 'quick fox', source_types: all });
    expect(runtime.mock.requests[0]!.body).toMatchObject({ source_types: ['document', 'code', 'api_reference', 'conversation'] });
    expect(response.total_results).toBe(3);
  });

  it.each([
    ['an unknown source type', { query: 'q', source_types: ['document', 'pdf'] }, 'source_types.1'],
    ['a fractional limit', { query: 'q', limit: 2.5 }, 'limit'],
    ['a string threshold', { query: 'q', similarity_threshold: '0.7' }, 'similarity_threshold'],
    ['no query', { limit: 3 }, 'query'],
    ['an unknown key', { query: 'q', top_k: 3 }, 'top_k'],
  ])('refuses %s with a ValidationError, sending nothing', async (_, request, path) => {
    const error = await catchError(searchKnowledge(runtime.ctx, request as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('searchKnowledge');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('getContext', () => {
  beforeEach(async () => {
    await addKnowledgeItem(runtime.ctx, doc('auth', 'Set up authentication with an API key', { source: 'auth.md' }));
    await addKnowledgeItem(runtime.ctx, doc('chat', 'asked how to set up authentication', { source: 'chat-42', source_type: KnowledgeSourceType.CONVERSATION }));
    await addKnowledgeItem(runtime.ctx, doc('garden', 'gardening tips', { source: 'garden.md' }));
    runtime.mock.clearRequests();
  });

  it('POSTs /rag/context with the defaults max_context_items 5, include_conversation_history true', async () => {
    const context = await getContext(runtime.ctx, { query: 'How do I set up authentication?' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'POST', path: '/rag/context', query: {} });
    expect(runtime.mock.requests[0]!.body).toEqual({ query: 'How do I set up authentication?', max_context_items: 5, include_conversation_history: true });
    expect(context).toEqual({
      context_items: ['asked how to set up authentication', 'Set up authentication with an API key'],
      sources: ['chat-42', 'auth.md'],
      query: 'How do I set up authentication?',
      relevance_scores: [expect.any(Number), expect.any(Number)],
    });
    expect(context.relevance_scores[0]).toBeGreaterThan(context.relevance_scores[1]!);
  });

  it('sends every field given', async () => {
    const context = await getContext(runtime.ctx, { query: 'set up authentication', agent_id: 'agent-123', max_context_items: 3, include_conversation_history: false });
    expect(runtime.mock.requests[0]!.body).toEqual({ query: 'set up authentication', agent_id: 'agent-123', max_context_items: 3, include_conversation_history: false });
    expect(context.sources).toEqual(['auth.md']);
  });

  it.each([
    ['a fractional max_context_items', { query: 'q', max_context_items: 1.5 }, 'max_context_items'],
    ['a string include_conversation_history', { query: 'q', include_conversation_history: 'yes' }, 'include_conversation_history'],
    ['a numeric agent_id', { query: 'q', agent_id: 123 }, 'agent_id'],
  ])('refuses %s with a ValidationError, sending nothing', async (_, query, path) => {
    const error = await catchError(getContext(runtime.ctx, query as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('getContext');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('deleteKnowledgeItem', () => {
  it('DELETEs /knowledge/{item_id}, percent-encoded', async () => {
    await addKnowledgeItem(runtime.ctx, doc('docs/intro #1', 'intro'));
    runtime.mock.clearRequests();
    expect(await deleteKnowledgeItem(runtime.ctx, 'docs/intro #1')).toEqual({ id: 'docs/intro #1', status: 'deleted' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'DELETE', path: '/knowledge/docs%2Fintro%20%231', query: {}, body: undefined });
    expect((await getMetrics(runtime.ctx)).vector_db_items).toBe(0);
  });

  it('rejects with NotFoundError for an unknown id', async () => {
    const error = await catchError(deleteKnowledgeItem(runtime.ctx, 'missing'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(404);
    expect(error.code).toBe('NOT_FOUND');
  });

  it.each(['', '.', '..'])('refuses the id %j with a ValidationError, sending nothing', async (id) => {
    const error = await catchError(deleteKnowledgeItem(runtime.ctx, id));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('deleteKnowledgeItem');
    expect(error.issues[0].path).toBe('item_id');
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('errors and responses (scripted server)', () => {
  const scriptedServer = useScriptedServer();
  let scripted: Context;
  beforeEach(() => {
    scripted = createContext({ baseUrl: `${scriptedServer.server.url}/api/v1`, apiKey: API_KEY, maxRetries: 0 });
  });

  it('rejects with AuthenticationError on a wrong API key', async () => {
    const wrong = createContext({ baseUrl: runtime.mock.url, apiKey: 'wrong', maxRetries: 0 });
    const error = await catchError(searchKnowledge(wrong, { query: 'q' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
  });

  it('rejects with APIError carrying the runtime\'s code and details', async () => {
    scriptedServer.server.handle((_, res) => json(res, 400, { error: 'bad query', code: 'VALIDATION_ERROR', details: { field: 'query' } }));
    const error = await catchError(getContext(scripted, { query: 'q' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.constructor).toBe(APIError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', details: { field: 'query' }, operation: 'getContext' });
  });

  it('keeps unknown fields and unknown source types in search results', async () => {
    scriptedServer.server.handle((_, res) => json(res, 200, {
      results: [{ item: { id: 'i', content: 'c', metadata: { source: 's', source_type: 'web_page', timestamp: '2024-06-01T00:00:00Z', lang: 'en' }, rank: 1 }, similarity_score: 0.9 }],
      query: 'q',
      total_results: 1,
      took_ms: 3,
    }));
    const response = await searchKnowledge(scripted, { query: 'q' });
    expect(scriptedServer.server.requests[0]!.url).toBe('/api/v1/knowledge/search');
    expect(response.took_ms).toBe(3);
    expect(response.results[0]!.item.metadata).toEqual({ source: 's', source_type: 'web_page', timestamp: new Date('2024-06-01T00:00:00Z'), lang: 'en' });
    expect(response.results[0]!.item.rank).toBe(1);
  });

  it('accepts null optional response fields (embedding, chunk_index, agent_id) and keeps them as null', async () => {
    const metadata = { source: 's', source_type: 'code', chunk_index: null, timestamp: '2024-06-01T00:00:00Z', agent_id: null };
    scriptedServer.server.handle((_, res) => json(res, 200, { results: [{ item: { id: 'i', content: 'c', embedding: null, metadata }, similarity_score: 0.9 }], query: 'q', total_results: 1 }));
    expect(await searchKnowledge(scripted, { query: 'q' })).toEqual({
      results: [{ item: { id: 'i', content: 'c', embedding: null, metadata: { ...metadata, timestamp: new Date('2024-06-01T00:00:00Z') } }, similarity_score: 0.9 }],
      query: 'q',
      total_results: 1,
    });
  });

  it('sends an optional request field given as null as null (or its contract default), and omits one not given', async () => {
    scriptedServer.server.handle((_, res) => json(res, 201, { id: 'x', status: 'created' }));
    await addKnowledgeItem(scripted, { ...doc('x', 'c', { chunk_index: null, agent_id: null }), embedding: null });
    await addKnowledgeItem(scripted, doc('x', 'c'));
    const metadata = { source: 'x.md', source_type: 'document', timestamp: WHEN.toISOString() };
    expect(scriptedServer.server.requests[0]!.body).toEqual({ id: 'x', content: 'c', embedding: null, metadata: { ...metadata, chunk_index: null, agent_id: null } });
    expect(scriptedServer.server.requests[1]!.body).toEqual({ id: 'x', content: 'c', metadata });
    expect(scriptedServer.server.requests[1]!.text).not.toMatch(/embedding|chunk_index|agent_id/);

    scriptedServer.server.handle((_, res) => json(res, 200, { results: [], query: 'q', total_results: 0 }));
    await searchKnowledge(scripted, { query: 'q', agent_id: null, source_types: null, limit: null, similarity_threshold: null });
    await searchKnowledge(scripted, { query: 'q' });
    const defaults = { source_types: [], limit: 10, similarity_threshold: 0.7 };
    expect(scriptedServer.server.requests[2]!.body).toEqual({ query: 'q', agent_id: null, ...defaults });
    expect(scriptedServer.server.requests[3]!.body).toEqual({ query: 'q', ...defaults });
    expect(scriptedServer.server.requests[3]!.text).not.toContain('agent_id');

    scriptedServer.server.handle((_, res) => json(res, 200, { context_items: [], sources: [], query: 'q', relevance_scores: [] }));
    await getContext(scripted, { query: 'q', agent_id: null, max_context_items: null, include_conversation_history: null });
    expect(scriptedServer.server.requests[4]!.body).toEqual({ query: 'q', agent_id: null, max_context_items: 5, include_conversation_history: true });
  });

  it('still turns timestamps into Dates with validateResponses: false', async () => {
    const lenient = createContext({ baseUrl: `${scriptedServer.server.url}/api/v1`, maxRetries: 0, validateResponses: false });
    scriptedServer.server.handle((_, res) => json(res, 200, {
      results: [{ item: { id: 'i', content: 'c', metadata: { source: 's', source_type: 'code', timestamp: '2024-06-01T00:00:00Z' } }, similarity_score: 'high' }],
      query: 'q',
    }));
    const response = await searchKnowledge(lenient, { query: 'q' });
    expect(response.results[0]!.item.metadata.timestamp).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(response.results[0]!.similarity_score).toBe('high');
  });

  it.each([
    ['searchKnowledge without total_results', () => searchKnowledge(scripted, { query: 'q' }), { results: [], query: 'q' }],
    ['searchKnowledge with a bad timestamp', () => searchKnowledge(scripted, { query: 'q' }), { results: [{ item: { id: 'i', content: 'c', metadata: { source: 's', source_type: 'code', timestamp: 'soon' } }, similarity_score: 1 }], query: 'q', total_results: 1 }],
    ['getContext with non-numeric scores', () => getContext(scripted, { query: 'q' }), { context_items: [], sources: [], query: 'q', relevance_scores: ['high'] }],
    ['addKnowledgeItem answering a string', () => addKnowledgeItem(scripted, doc('x', 'c')), 'ok'],
  ])('rejects %s with ResponseValidationError', async (_, run, body) => {
    scriptedServer.server.handle((_, res) => json(res, 200, body));
    const error = await catchError(run());
    expect(error).toBeInstanceOf(ResponseValidationError);
  });
});
