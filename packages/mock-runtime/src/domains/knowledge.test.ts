import { rawCall, useMockRuntime } from '@symbiont/test-support';
import { beforeEach, describe, expect, it } from 'vitest';
import { startMockRuntime } from '../index.ts';
import { denseCosine, termFrequencies, tfCosine, tokenize } from './knowledge.ts';

const API_KEY = 'knowledge-key';

const runtime = useMockRuntime({ apiKey: API_KEY, per: 'test' });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const answer = await rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json' } });
  return { status: answer.status, body: answer.body };
}

const TIMESTAMP = '2024-06-01T12:00:00.000Z';

function item(id: string, content: string, metadata: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, content, ...extra, metadata: { source: `${id}.md`, source_type: 'document', timestamp: TIMESTAMP, ...metadata } };
}

async function add(...items: Record<string, unknown>[]): Promise<void> {
  for (const body of items) expect((await call('POST', '/knowledge', body)).status).toBe(200);
}

async function vectorItems(): Promise<number> {
  return (await call('GET', '/metrics')).body.vector_db_items as number;
}

describe('similarity helpers', () => {
  it('tokenizes into lower-cased runs of letters and digits', () => {
    expect(tokenize('How do I configure the System? v2, über-fast!')).toEqual(['how', 'do', 'i', 'configure', 'the', 'system', 'v2', 'über', 'fast']);
    expect(tokenize('  ?! ')).toEqual([]);
  });

  it('computes cosine similarity of term-frequency vectors', () => {
    const query = termFrequencies('quick fox');
    expect(tfCosine(query, termFrequencies('The quick brown fox'))).toBeCloseTo(2 / (Math.SQRT2 * 2), 12);
    expect(tfCosine(query, termFrequencies('quick QUICK fox'))).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(tfCosine(query, termFrequencies('fox quick'))).toBeCloseTo(1, 12);
    expect(tfCosine(query, termFrequencies('nothing shared'))).toBe(0);
    expect(tfCosine(query, termFrequencies(''))).toBe(0);
  });

  it('computes cosine similarity of dense vectors', () => {
    expect(denseCosine([1, 0], [2, 0])).toBeCloseTo(1, 12);
    expect(denseCosine([1, 0], [0, 3])).toBe(0);
    expect(denseCosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(denseCosine([1, 0], [-1, 0])).toBeCloseTo(-1, 12);
    expect(denseCosine([0, 0], [1, 1])).toBe(0);
  });
});

describe('POST /knowledge and DELETE /knowledge/{item_id}', () => {
  it('stores items (upsert on a repeated id), counts them in vector_db_items, deletes them', async () => {
    expect(await vectorItems()).toBe(0);
    expect(await call('POST', '/knowledge', item('doc-1', 'first'))).toEqual({ status: 200, body: { id: 'doc-1', status: 'created' } });
    expect(await call('POST', '/knowledge', item('doc-2', 'second'))).toEqual({ status: 200, body: { id: 'doc-2', status: 'created' } });
    expect(await vectorItems()).toBe(2);

    expect(await call('POST', '/knowledge', item('doc-1', 'replaced content'))).toEqual({ status: 200, body: { id: 'doc-1', status: 'updated' } });
    expect(await vectorItems()).toBe(2);
    const search = await call('POST', '/knowledge/search', { query: 'replaced content', similarity_threshold: 0.5 });
    expect(search.body.results.map((r: any) => r.item.content)).toEqual(['replaced content']);

    expect(await call('DELETE', '/knowledge/doc-1')).toEqual({ status: 200, body: { id: 'doc-1', status: 'deleted' } });
    expect(await vectorItems()).toBe(1);
    const again = await call('DELETE', '/knowledge/doc-1');
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error: "knowledge item 'doc-1' not found", code: 'NOT_FOUND' });
  });

  it('keeps every stored field and answers it in search results', async () => {
    await add(item('full', 'alpha beta', { chunk_index: 3, agent_id: 'agent-123' }, { embedding: [0.5, 0.25] }));
    const res = await call('POST', '/knowledge/search', { query: 'alpha beta' });
    expect(res.body.results).toEqual([
      {
        item: { id: 'full', content: 'alpha beta', embedding: [0.5, 0.25], metadata: { source: 'full.md', source_type: 'document', chunk_index: 3, timestamp: TIMESTAMP, agent_id: 'agent-123' } },
        similarity_score: expect.closeTo(1, 12),
      },
    ]);
  });

  it('decodes the item id of DELETE', async () => {
    await add(item('a/b c', 'x'));
    expect(await call('DELETE', '/knowledge/a%2Fb%20c')).toEqual({ status: 200, body: { id: 'a/b c', status: 'deleted' } });
  });

  it.each([
    ['a non-object body', [1, 2], ['']],
    ['no metadata', { id: 'x', content: 'c' }, ['metadata']],
    ['an empty id and a bad embedding', item('', 'c', {}, { embedding: [1, 'x'] }), ['embedding', 'id']],
    ['an unknown source_type', item('x', 'c', { source_type: 'pdf' }), ['metadata.source_type']],
    ['a timestamp that is not a date-time', item('x', 'c', { timestamp: 'yesterday' }), ['metadata.timestamp']],
    ['a fractional chunk_index', item('x', 'c', { chunk_index: 1.5 }), ['metadata.chunk_index']],
    ['a negative chunk_index', item('x', 'c', { chunk_index: -1 }), ['metadata.chunk_index']],
    ['missing metadata fields', { id: 'x', content: 'c', metadata: { agent_id: 7 } }, ['metadata.source', 'metadata.source_type', 'metadata.timestamp', 'metadata.agent_id']],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_, body, paths) => {
    const res = await call('POST', '/knowledge', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.details.issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
    expect(await vectorItems()).toBe(0);
  });
});

describe('POST /knowledge/search', () => {
  beforeEach(async () => {
    await add(
      item('brown', 'The quick brown fox'), // cosine with "quick fox": 0.7071
      item('quick', 'quick QUICK fox'), // 0.9487
      item('code', 'fox quick', { source_type: 'code' }), // 1
      item('other', 'lazy dog'), // 0
    );
  });

  it('ranks by cosine similarity, applies the default threshold 0.7 and limit 10', async () => {
    const res = await call('POST', '/knowledge/search', { query: 'Quick fox?' });
    expect(res.status).toBe(200);
    expect(res.body.query).toBe('Quick fox?');
    expect(res.body.results.map((r: any) => r.item.id)).toEqual(['code', 'quick', 'brown']);
    const scores = res.body.results.map((r: any) => r.similarity_score);
    expect(scores[0]).toBeCloseTo(1, 12);
    expect(scores[1]).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(scores[2]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(res.body.total_results).toBe(3);
  });

  it('filters by similarity_threshold', async () => {
    const res = await call('POST', '/knowledge/search', { query: 'quick fox', similarity_threshold: 0.9 });
    expect(res.body.results.map((r: any) => r.item.id)).toEqual(['code', 'quick']);
    expect(res.body.total_results).toBe(2);
    const none = await call('POST', '/knowledge/search', { query: 'quick fox', similarity_threshold: 1.01 });
    expect(none.body).toEqual({ results: [], query: 'quick fox', total_results: 0 });
    const all = await call('POST', '/knowledge/search', { query: 'quick fox', similarity_threshold: 0 });
    expect(all.body.results.map((r: any) => r.item.id)).toEqual(['code', 'quick', 'brown', 'other']);
  });

  it('cuts to limit; total_results counts the matches before the cut', async () => {
    const res = await call('POST', '/knowledge/search', { query: 'quick fox', limit: 2, similarity_threshold: 0 });
    expect(res.body.results.map((r: any) => r.item.id)).toEqual(['code', 'quick']);
    expect(res.body.total_results).toBe(4);
    expect((await call('POST', '/knowledge/search', { query: 'quick fox', limit: 0 })).body.results).toEqual([]);
  });

  it('filters by source_types when non-empty', async () => {
    const docs = await call('POST', '/knowledge/search', { query: 'quick fox', source_types: ['document'], similarity_threshold: 0 });
    expect(docs.body.results.map((r: any) => r.item.id)).toEqual(['quick', 'brown', 'other']);
    const both = await call('POST', '/knowledge/search', { query: 'quick fox', source_types: ['code', 'api_reference'], similarity_threshold: 0 });
    expect(both.body.results.map((r: any) => r.item.id)).toEqual(['code']);
    const empty = await call('POST', '/knowledge/search', { query: 'quick fox', source_types: [], similarity_threshold: 0 });
    expect(empty.body.total_results).toBe(4);
  });

  it('filters by agent_id: the agent\'s items and items of no agent', async () => {
    await add(item('mine', 'quick fox', { agent_id: 'agent-a' }), item('theirs', 'quick fox', { agent_id: 'agent-b' }));
    const mine = await call('POST', '/knowledge/search', { query: 'quick fox', agent_id: 'agent-a' });
    expect(mine.body.results.map((r: any) => r.item.id).sort()).toEqual(['brown', 'code', 'mine', 'quick']);
    const everyone = await call('POST', '/knowledge/search', { query: 'quick fox' });
    expect(everyone.body.results.map((r: any) => r.item.id).sort()).toEqual(['brown', 'code', 'mine', 'quick', 'theirs']);
  });

  it('compares embeddings when a query_embedding is given (mock extension), text otherwise', async () => {
    await add(
      item('e-same', 'unrelated words', {}, { embedding: [1, 0, 0] }),
      item('e-half', 'unrelated words', {}, { embedding: [1, 1, 0] }),
      item('e-orthogonal', 'quick fox', {}, { embedding: [0, 0, 1] }),
      item('e-other-dim', 'quick fox', {}, { embedding: [1, 0] }),
    );
    const res = await call('POST', '/knowledge/search', { query: 'quick fox', query_embedding: [2, 0, 0], source_types: ['document'], similarity_threshold: 0.5 });
    const byId = Object.fromEntries(res.body.results.map((r: any) => [r.item.id, r.similarity_score]));
    expect(Object.keys(byId).sort()).toEqual(['brown', 'e-half', 'e-other-dim', 'e-same', 'quick']);
    expect(byId['e-same']).toBeCloseTo(1, 12);
    expect(byId['e-half']).toBeCloseTo(Math.SQRT1_2, 12);
    expect(byId['e-other-dim']).toBeCloseTo(1, 12); // different length: compared by text
    // Without query_embedding, items with embeddings are compared by their text.
    const text = await call('POST', '/knowledge/search', { query: 'quick fox', source_types: ['document'] });
    expect(text.body.results.map((r: any) => r.item.id)).toEqual(['e-orthogonal', 'e-other-dim', 'quick', 'brown']);
  });

  it.each([
    ['no query', {}, ['query']],
    ['an unknown source type', { query: 'q', source_types: ['document', 'pdf'] }, ['source_types.1']],
    ['a negative limit', { query: 'q', limit: -1 }, ['limit']],
    ['a fractional limit and a string threshold', { query: 'q', limit: 1.5, similarity_threshold: '0.7' }, ['limit', 'similarity_threshold']],
  ])('refuses %s with 400', async (_, body, paths) => {
    const res = await call('POST', '/knowledge/search', body);
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
  });
});

describe('POST /rag/context', () => {
  beforeEach(async () => {
    await add(
      item('auth', 'Set up authentication with an API key', { source: 'auth.md' }),
      item('auth-code', 'authentication middleware code', { source: 'auth.ts', source_type: 'code' }),
      item('chat', 'asked how to set up authentication', { source: 'chat-42', source_type: 'conversation' }),
      item('unrelated', 'gardening tips', { source: 'garden.md' }),
      item('other-agent', 'set up authentication', { source: 'private.md', agent_id: 'agent-b' }),
    );
  });

  it('answers the best items (relevance above 0) with their sources and scores, default at most 5', async () => {
    const res = await call('POST', '/rag/context', { query: 'How do I set up authentication?', agent_id: 'agent-a' });
    expect(res.status).toBe(200);
    expect(res.body.query).toBe('How do I set up authentication?');
    expect(res.body.sources).toEqual(['chat-42', 'auth.md', 'auth.ts']);
    expect(res.body.context_items).toEqual(['asked how to set up authentication', 'Set up authentication with an API key', 'authentication middleware code']);
    const scores = res.body.relevance_scores as number[];
    expect(scores).toHaveLength(3);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const query = termFrequencies('How do I set up authentication?');
    expect(scores[1]).toBeCloseTo(tfCosine(query, termFrequencies('Set up authentication with an API key')), 12);
    expect(scores.every((score) => score > 0)).toBe(true);
  });

  it('respects max_context_items and include_conversation_history', async () => {
    const two = await call('POST', '/rag/context', { query: 'set up authentication', agent_id: 'agent-a', max_context_items: 2 });
    expect(two.body.sources).toEqual(['chat-42', 'auth.md']);
    const noChat = await call('POST', '/rag/context', { query: 'set up authentication', agent_id: 'agent-a', include_conversation_history: false });
    expect(noChat.body.sources).toEqual(['auth.md', 'auth.ts']);
    const agentB = await call('POST', '/rag/context', { query: 'set up authentication', agent_id: 'agent-b', max_context_items: 1 });
    expect(agentB.body.sources).toEqual(['private.md']);
    const nothing = await call('POST', '/rag/context', { query: 'quantum chromodynamics' });
    expect(nothing.body).toEqual({ context_items: [], sources: [], query: 'quantum chromodynamics', relevance_scores: [] });
  });

  it('refuses bad bodies with 400', async () => {
    const res = await call('POST', '/rag/context', { query: 'q', max_context_items: -2, include_conversation_history: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['include_conversation_history', 'max_context_items']);
  });
});

describe('null optional fields (as a pydantic client sends them)', () => {
  it('accepts null for optional fields of items and queries', async () => {
    const open = await startMockRuntime();
    try {
      const post = (path: string, body: unknown) => fetch(`${open.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const added = await post('/knowledge', { id: 'n1', content: 'hello null world', embedding: null, metadata: { source: 's', source_type: 'document', timestamp: '2024-01-01T00:00:00Z', chunk_index: null, agent_id: null } });
      expect(added.status).toBe(200);
      const search = await post('/knowledge/search', { query: 'hello', agent_id: null, query_embedding: null, similarity_threshold: 0.1, limit: 5, source_types: [] });
      expect(search.status).toBe(200);
      const body = (await search.json()) as { results: Array<{ item: { id: string; metadata: Record<string, unknown> } }> };
      expect(body.results.map((r) => r.item.id)).toEqual(['n1']);
      expect(body.results[0]!.item.metadata).not.toHaveProperty('agent_id');
    } finally {
      await open.close();
    }
  });
});
