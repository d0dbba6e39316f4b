import { createContext } from '@symbiont/core';
import { startMockRuntime, type MockRuntime } from '@symbiont/mock-runtime';
import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateReviewSessions, submitToolForReview, type ReviewSession } from './index.ts';


const collect = async (iterable: AsyncIterable<ReviewSession>): Promise<string[]> => {
  const ids: string[] = [];
  for await (const session of iterable) ids.push(session.review_id);
  return ids;
};

describe('against the mock runtime', () => {
  let runtime: MockRuntime;
  beforeAll(async () => {
    runtime = await startMockRuntime({ reviewDelayMs: 5_000 });
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('walks every page with the filters given, stopping on has_next: false', async () => {
    const ctx = createContext({ baseUrl: runtime.url, maxRetries: 0 });
    const tool = { name: 't', description: 'd', schema: { properties: {} }, provider: { name: 'p' } };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submitToolForReview(ctx, { tool, submitted_by: 'iter@example.com' })).review_id);
    await submitToolForReview(ctx, { tool, submitted_by: 'someone-else@example.com' });
    runtime.clearRequests();

    expect(await collect(iterateReviewSessions(ctx, { author: 'iter@example.com', status: 'submitted', limit: 2 }))).toEqual(ids);
    expect(runtime.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/tool-review/sessions', { author: 'iter@example.com', status: 'submitted', limit: '2', page: '1' }],
      ['GET', '/tool-review/sessions', { author: 'iter@example.com', status: 'submitted', limit: '2', page: '2' }],
      ['GET', '/tool-review/sessions', { author: 'iter@example.com', status: 'submitted', limit: '2', page: '3' }],
    ]);

    runtime.clearRequests();
    expect(await collect(iterateReviewSessions(ctx, { author: 'iter@example.com', limit: 2, page: 2 }))).toEqual(ids.slice(2));
    expect(runtime.requests.map((r) => r.query.page)).toEqual(['2', '3']);

    // Exactly full last page: has_next false ends it without an extra request.
    runtime.clearRequests();
    expect(await collect(iterateReviewSessions(ctx, { author: 'iter@example.com', limit: 5 }))).toEqual(ids);
    expect(runtime.requests).toHaveLength(1);
  });
});

describe('against a scripted server', () => {
  const scriptedServer = useScriptedServer();
  const ctx = () => createContext({ baseUrl: `${scriptedServer.server.url}/api/v1`, maxRetries: 0 });
  const session = (id: string) => ({
    review_id: id,
    tool: { name: 't', description: 'd', schema: { type: 'object', properties: {}, required: [] }, provider: { name: 'p' } },
    status: 'submitted',
    state: { type: 'submitted' },
    submitted_by: 'a',
    submitted_at: '2024-01-01T00:00:00Z',
  });
  /** Serve `pages` (lists of ids) by the `page` query, with optional pagination per page. */
  const serve = (pages: string[][], pagination?: (page: number) => Record<string, unknown> | undefined) => {
    scriptedServer.server.handle((req, res) => {
      const page = Number(new URL(req.url, scriptedServer.server.url).searchParams.get('page'));
      const ids = pages[page - 1] ?? [];
      const extra = pagination?.(page);
      json(res, 200, { sessions: ids.map(session), ...(extra ? { pagination: extra } : {}) });
    });
  };
  const pagesAsked = () => scriptedServer.server.requests.map((r) => new URL(r.url, scriptedServer.server.url).searchParams.get('page'));

  it('without pagination, follows full pages (default limit 20) and stops on a short one', async () => {
    const full = (p: number) => Array.from({ length: 20 }, (_, i) => `${p}-${i}`);
    serve([full(1), full(2), ['3-0']]);
    const ids = await collect(iterateReviewSessions(ctx()));
    expect(ids).toHaveLength(41);
    expect(pagesAsked()).toEqual(['1', '2', '3']);
    expect(new URL(scriptedServer.server.requests[0]!.url, scriptedServer.server.url).searchParams.has('limit')).toBe(false);
  });

  it('stops on an empty page', async () => {
    serve([['a', 'b'], ['c', 'd'], []]);
    expect(await collect(iterateReviewSessions(ctx(), { limit: 2 }))).toEqual(['a', 'b', 'c', 'd']);
    expect(pagesAsked()).toEqual(['1', '2', '3']);
  });

  it('stops on has_next: false even when the page is full, and uses pagination.limit when no limit is given', async () => {
    serve([['a', 'b'], ['c', 'd'], ['e']], (page) => ({ page, limit: 2, total: 4, has_next: page < 2 }));
    expect(await collect(iterateReviewSessions(ctx()))).toEqual(['a', 'b', 'c', 'd']);
    expect(pagesAsked()).toEqual(['1', '2']);
  });

  it('stops on a short page even if has_next says true', async () => {
    serve([['a', 'b'], ['c'], ['d', 'e']], () => ({ has_next: true }));
    expect(await collect(iterateReviewSessions(ctx(), { limit: 2 }))).toEqual(['a', 'b', 'c']);
    expect(pagesAsked()).toEqual(['1', '2']);
  });

  it('requests pages lazily and honours the signal between pages', async () => {
    serve([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    const controller = new AbortController();
    const reason = new Error('enough');
    const seen: string[] = [];
    const error = await catchError((async () => {
      for await (const s of iterateReviewSessions(ctx(), { limit: 2 }, { signal: controller.signal })) {
        seen.push(s.review_id);
        if (s.review_id === 'c') controller.abort(reason);
      }
    })());
    expect(error).toBe(reason);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(pagesAsked()).toEqual(['1', '2']);
  });

  it('passes the signal to each page request', async () => {
    scriptedServer.server.handle(() => { /* never answers */ });
    const controller = new AbortController();
    const iterator = iterateReviewSessions(ctx(), {}, { signal: controller.signal })[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const error = await catchError(next);
    expect(error.name).toBe('AbortError');
  });

  it('breaking out early sends no further request', async () => {
    serve([['a', 'b'], ['c', 'd']]);
    for await (const s of iterateReviewSessions(ctx(), { limit: 2 })) {
      if (s.review_id === 'a') break;
    }
    expect(pagesAsked()).toEqual(['1']);
  });
});
