import { createContext, NotFoundError, SymbiontError, TimeoutError, ValidationError, type ContextConfig } from '@symbiont/core';
import { catchError, json, startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WaitTimeoutError, waitForReviewCompletion, type ReviewSession } from './index.ts';

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0, ...config });

const session = (status: string) => ({
  review_id: 'r1',
  tool: { name: 'calc', description: 'd', schema: { type: 'object', properties: {}, required: [] }, provider: { name: 'p' } },
  status,
  state: { type: status, critical_findings: [] },
  submitted_by: 'dev@example.com',
  submitted_at: '2024-06-01T12:00:00Z',
  priority: 'normal',
});

/** Answer the polls with these statuses in turn, repeating the last. */
const script = (...statuses: string[]) => {
  let n = 0;
  server.handle((_, res) => json(res, 200, session(statuses[Math.min(n++, statuses.length - 1)]!)));
};

/** Gaps between consecutive requests, in ms. */
const gaps = () => server.requests.slice(1).map((r, i) => r.at - server.requests[i]!.at);

describe('terminal states', () => {
  it.each(['approved', 'rejected', 'signed', 'signing_failed'])('returns the session once it is %s', async (status) => {
    script('submitted', 'pending_review', status, 'something-else');
    const final = await waitForReviewCompletion(ctxFor(), 'r1', { interval: 10 });
    expect(final.status).toBe(status);
    expect(final.submitted_at).toBeInstanceOf(Date);
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.method).toBe('GET');
      expect(request.url).toBe('/api/v1/tool-review/sessions/r1');
    }
  });

  it('keeps polling through every non-terminal status, unknown ones included', async () => {
    script('submitted', 'pending_analysis', 'analyzing', 'pending_review', 'under_review', 'awaiting_human_review', 'Queued', 'approved');
    expect((await waitForReviewCompletion(ctxFor(), 'r1', { interval: 1 })).status).toBe('approved');
    expect(server.requests).toHaveLength(8);
  });

  it('percent-encodes the review id', async () => {
    script('approved');
    await waitForReviewCompletion(ctxFor(), 'a/b c');
    expect(server.requests[0]!.url).toBe('/api/v1/tool-review/sessions/a%2Fb%20c');
  });
});

describe('onProgress', () => {
  it('is called only when the status changes, the first session included', async () => {
    script('submitted', 'submitted', 'analyzing', 'analyzing', 'analyzing', 'pending_review', 'pending_review', 'approved');
    const seen: ReviewSession[] = [];
    const final = await waitForReviewCompletion(ctxFor(), 'r1', { interval: 1, onProgress: (s) => seen.push(s) });
    expect(server.requests).toHaveLength(8);
    expect(seen.map((s) => s.status)).toEqual(['submitted', 'analyzing', 'pending_review', 'approved']);
    expect(seen.at(-1)).toBe(final);
    expect(seen[0]!.submitted_at).toBeInstanceOf(Date);
  });

  it('an exception in onProgress ends the wait with that exception', async () => {
    script('submitted', 'approved');
    const boom = new Error('boom');
    expect(await catchError(waitForReviewCompletion(ctxFor(), 'r1', { onProgress: () => { throw boom; } }))).toBe(boom);
    expect(server.requests).toHaveLength(1);
  });
});

describe('back-off', () => {
  it('starts near 250 ms and doubles up to the interval cap', async () => {
    script('submitted', 'submitted', 'submitted', 'submitted', 'approved');
    await waitForReviewCompletion(ctxFor(), 'r1', { interval: 600 });
    const [a, b, c, d] = gaps();
    // Nominal pauses 250, 500, 600 (cap), 600, plus a loopback round trip each. Generous upper
    // bounds that still tell the cap (600) from an uncapped doubling (1000).
    expect(a).toBeGreaterThanOrEqual(245);
    expect(a).toBeLessThan(450);
    expect(b).toBeGreaterThanOrEqual(495);
    expect(b).toBeLessThan(800);
    expect(c).toBeGreaterThanOrEqual(595);
    expect(c).toBeLessThan(950);
    expect(d).toBeGreaterThanOrEqual(595);
    expect(d).toBeLessThan(950);
  });

  it('starts at the interval when it is below 250 ms', async () => {
    script('submitted', 'submitted', 'submitted', 'approved');
    await waitForReviewCompletion(ctxFor(), 'r1', { interval: 60 });
    for (const gap of gaps()) {
      expect(gap).toBeGreaterThanOrEqual(55);
      expect(gap).toBeLessThan(240);
    }
  });
});

describe('deadline', () => {
  it('throws a WaitTimeoutError at the deadline exactly, carrying the last session', async () => {
    script('submitted', 'analyzing');
    const started = performance.now();
    const error = await catchError(waitForReviewCompletion(ctxFor(), 'r1', { timeout: 1_200 }));
    const elapsed = performance.now() - started;
    // Polls at ~0, ~250 and ~750 ms; the next pause (1000 ms) is cut to the deadline at 1200 ms
    // instead of sleeping to ~1750 ms.
    expect(elapsed).toBeGreaterThanOrEqual(1_195);
    expect(elapsed).toBeLessThan(1_500);
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(SymbiontError);
    expect(error.name).toBe('WaitTimeoutError');
    expect(error.kind).toBe('total');
    expect(error.session.status).toBe('analyzing');
    expect(error.session.submitted_at).toBeInstanceOf(Date);
    expect(error.message).toBe('waitForReviewCompletion: review r1 did not complete within 1200 ms (last status: analyzing)');
  });

  it('a slow poll cannot overrun the deadline: it becomes a WaitTimeoutError', async () => {
    let n = 0;
    server.handle((_, res) => {
      if (n++ === 0) json(res, 200, session('pending_review'));
      else setTimeout(() => json(res, 200, session('approved')), 2_000);
    });
    const started = performance.now();
    const error = await catchError(waitForReviewCompletion(ctxFor(), 'r1', { timeout: 500, interval: 50 }));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(495);
    expect(elapsed).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.session.status).toBe('pending_review');
    expect(error.cause).toBeInstanceOf(TimeoutError);
  });

  it('with no answer at all before the deadline, session is undefined', async () => {
    server.handle(() => { /* never answers */ });
    const error = await catchError(waitForReviewCompletion(ctxFor(), 'r1', { timeout: 200 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.session).toBeUndefined();
    expect(error.message).toContain('last status: none seen');
  });

  it("the context's totalTimeout still bounds each poll (a TimeoutError, not a WaitTimeoutError)", async () => {
    server.handle(() => { /* never answers */ });
    const error = await catchError(waitForReviewCompletion(ctxFor({ totalTimeout: 100 }), 'r1', { timeout: 5_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(WaitTimeoutError);
  });
});

describe('abort', () => {
  it('during a pause rejects at once with the reason', async () => {
    script('submitted');
    const controller = new AbortController();
    const waiting = waitForReviewCompletion(ctxFor(), 'r1', { signal: controller.signal, interval: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reason = new Error('stop');
    const started = performance.now();
    controller.abort(reason);
    expect(await catchError(waiting)).toBe(reason);
    expect(performance.now() - started).toBeLessThan(200);
    expect(server.requests).toHaveLength(1);
  });

  it('during a poll rejects at once with the reason (a DOMException AbortError by default)', async () => {
    server.handle(() => { /* never answers */ });
    const controller = new AbortController();
    const waiting = waitForReviewCompletion(ctxFor(), 'r1', { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    controller.abort();
    const error = await catchError(waiting);
    expect(performance.now() - started).toBeLessThan(200);
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
  });

  it('an already aborted signal sends nothing', async () => {
    script('approved');
    const reason = new Error('already');
    expect(await catchError(waitForReviewCompletion(ctxFor(), 'r1', { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});

describe('errors and validation', () => {
  it('a failed poll rejects with its error', async () => {
    server.handle((_, res) => json(res, 404, { error: 'review session not found', code: 'NOT_FOUND' }));
    const error = await catchError(waitForReviewCompletion(ctxFor(), 'missing'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.operation).toBe('getReviewSession');
  });

  it.each([
    ['', {}, 'review_id'],
    ['..', {}, 'review_id'],
    [42, {}, 'review_id'],
    ['r1', { timeout: 0 }, 'options.timeout'],
    ['r1', { timeout: -5 }, 'options.timeout'],
    ['r1', { timeout: Number.NaN }, 'options.timeout'],
    ['r1', { timeout: Number.POSITIVE_INFINITY }, 'options.timeout'],
    ['r1', { timeout: '300' }, 'options.timeout'],
    ['r1', { interval: 0 }, 'options.interval'],
    ['r1', { interval: 3_000_000_000 }, 'options.interval'],
    ['r1', { signal: {} }, 'options.signal'],
    ['r1', { onProgress: 'log' }, 'options.onProgress'],
  ])('refuses review id %j with options %j (%s) before polling', async (id, options, path) => {
    let promise: Promise<unknown> | undefined;
    expect(() => { promise = waitForReviewCompletion(ctxFor(), id as never, options as never); }).not.toThrow();
    const error = await catchError(promise!);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('waitForReviewCompletion');
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a missing context', async () => {
    const error = await catchError(waitForReviewCompletion(undefined as never, 'r1'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('createContext');
  });
});
