import { createContext, NotFoundError, SymbiontError, TimeoutError, ValidationError, type ContextConfig } from '@symbiont/core';
import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WaitTimeoutError, waitForReviewCompletion, type ReviewSession } from './index.ts';

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 0, ...config });

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
  scripted.server.handle((_, res) => json(res, 200, session(statuses[Math.min(n++, statuses.length - 1)]!)));
};

/**
 * A fake clock (setTimeout and performance.now) and an in-memory `fetch` answering the polls with
 * `statuses` in turn (repeating the last; `'never'` leaves the poll pending until it is aborted):
 * pauses and deadlines are then exact, whatever the machine's load. `polls` are the fake times of
 * the polls, from the start.
 */
function fakeClock(...statuses: string[]) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  const start = performance.now();
  const polls: number[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const signal = input instanceof Request ? input.signal : init?.signal;
    const status = statuses[Math.min(polls.length, statuses.length - 1)]!;
    polls.push(performance.now() - start);
    if (status === 'never') {
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    return Promise.resolve(new Response(JSON.stringify(session(status)), { status: 200, headers: { 'content-type': 'application/json' } }));
  };
  const ctx = createContext({ baseUrl: 'http://127.0.0.1:9/api/v1', maxRetries: 0, fetch });
  /** Runs `promise` to its end on the fake clock; returns its outcome and the fake time it took. */
  const run = async <T,>(promise: Promise<T>): Promise<{ error: any; value: T | undefined; elapsed: number }> => {
    let settled = false;
    const outcome = promise.then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    void outcome.then(() => (settled = true));
    for (let step = 0; step < 10_000 && !settled; step++) await vi.advanceTimersToNextTimerAsync();
    const { value, error } = await outcome;
    return { value, error, elapsed: performance.now() - start };
  };
  return { ctx, polls, run };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('terminal states', () => {
  it.each(['approved', 'rejected', 'signed', 'signing_failed'])('returns the session once it is %s', async (status) => {
    script('submitted', 'pending_review', status, 'something-else');
    const final = await waitForReviewCompletion(ctxFor(), 'r1', { interval: 10 });
    expect(final.status).toBe(status);
    expect(final.submitted_at).toBeInstanceOf(Date);
    expect(scripted.server.requests).toHaveLength(3);
    for (const request of scripted.server.requests) {
      expect(request.method).toBe('GET');
      expect(request.url).toBe('/api/v1/tool-review/sessions/r1');
    }
  });

  it('keeps polling through every non-terminal status, unknown ones included', async () => {
    script('submitted', 'pending_analysis', 'analyzing', 'pending_review', 'under_review', 'awaiting_human_review', 'Queued', 'approved');
    expect((await waitForReviewCompletion(ctxFor(), 'r1', { interval: 1 })).status).toBe('approved');
    expect(scripted.server.requests).toHaveLength(8);
  });

  it('percent-encodes the review id', async () => {
    script('approved');
    await waitForReviewCompletion(ctxFor(), 'a/b c');
    expect(scripted.server.requests[0]!.url).toBe('/api/v1/tool-review/sessions/a%2Fb%20c');
  });
});

describe('onProgress', () => {
  it('is called only when the status changes, the first session included', async () => {
    script('submitted', 'submitted', 'analyzing', 'analyzing', 'analyzing', 'pending_review', 'pending_review', 'approved');
    const seen: ReviewSession[] = [];
    const final = await waitForReviewCompletion(ctxFor(), 'r1', { interval: 1, onProgress: (s) => seen.push(s) });
    expect(scripted.server.requests).toHaveLength(8);
    expect(seen.map((s) => s.status)).toEqual(['submitted', 'analyzing', 'pending_review', 'approved']);
    expect(seen.at(-1)).toBe(final);
    expect(seen[0]!.submitted_at).toBeInstanceOf(Date);
  });

  it('an exception in onProgress ends the wait with that exception', async () => {
    script('submitted', 'approved');
    const boom = new Error('boom');
    expect(await catchError(waitForReviewCompletion(ctxFor(), 'r1', { onProgress: () => { throw boom; } }))).toBe(boom);
    expect(scripted.server.requests).toHaveLength(1);
  });
});

describe('back-off', () => {
  it('starts at 250 ms and doubles up to the interval cap (fake clock)', async () => {
    const { ctx, polls, run } = fakeClock('submitted', 'submitted', 'submitted', 'submitted', 'approved');
    const { value } = await run(waitForReviewCompletion(ctx, 'r1', { interval: 600 }));
    expect(value?.status).toBe('approved');
    // Pauses 250, 500, 600 (the cap), 600.
    expect(polls).toEqual([0, 250, 750, 1_350, 1_950]);
  });

  it('starts at the interval when it is below 250 ms (fake clock)', async () => {
    const { ctx, polls, run } = fakeClock('submitted', 'submitted', 'submitted', 'approved');
    await run(waitForReviewCompletion(ctx, 'r1', { interval: 60 }));
    expect(polls).toEqual([0, 60, 120, 180]);
  });

  it('pauses between polls over real HTTP too (bounds that hold under load)', async () => {
    script('submitted', 'submitted', 'approved');
    await waitForReviewCompletion(ctxFor(), 'r1', { interval: 600 });
    const gaps = scripted.server.requests.slice(1).map((r, i) => r.at - scripted.server.requests[i]!.at);
    // Nominal pauses 250 and 500 ms: a loaded machine only makes them longer.
    expect(gaps[0]).toBeGreaterThanOrEqual(245);
    expect(gaps[1]).toBeGreaterThanOrEqual(495);
  });
});

describe('deadline', () => {
  it('throws a WaitTimeoutError at the deadline exactly, carrying the last session (fake clock)', async () => {
    const { ctx, polls, run } = fakeClock('submitted', 'analyzing');
    const { error, elapsed } = await run(waitForReviewCompletion(ctx, 'r1', { timeout: 1_200 }));
    // Polls at 0, 250 and 750 ms; the next pause (1000 ms) is cut to the deadline at 1200 ms
    // instead of sleeping to 1750 ms, and no fourth poll is made.
    expect(polls).toEqual([0, 250, 750]);
    expect(elapsed).toBe(1_200);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(SymbiontError);
    expect(error.name).toBe('WaitTimeoutError');
    expect(error.kind).toBe('total');
    expect(error.session.status).toBe('analyzing');
    expect(error.session.submitted_at).toBeInstanceOf(Date);
    expect(error.message).toBe('waitForReviewCompletion: review r1 did not complete within 1200 ms (last status: analyzing)');
  });

  it('ends at the deadline over real HTTP too, with at most one poll per pause (bounds that hold under load)', async () => {
    script('submitted', 'analyzing');
    const started = performance.now();
    const error = await catchError(waitForReviewCompletion(ctxFor(), 'r1', { timeout: 1_200 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_195);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    // Polls at ~0, ~250, ~750 ms; a slow machine can only make fewer of them. (A timer may fire a
    // hair before the deadline, leaving room for one last poll that the deadline then cuts short.)
    expect(scripted.server.requests.length).toBeGreaterThanOrEqual(1);
    expect(scripted.server.requests.length).toBeLessThanOrEqual(4);
  });

  it('a slow poll cannot overrun the deadline: it becomes a WaitTimeoutError (fake clock)', async () => {
    const { ctx, polls, run } = fakeClock('pending_review', 'never');
    const { error, elapsed } = await run(waitForReviewCompletion(ctx, 'r1', { timeout: 500, interval: 50 }));
    expect(polls).toEqual([0, 50]);
    expect(elapsed).toBe(500);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.session.status).toBe('pending_review');
    expect(error.cause).toBeInstanceOf(TimeoutError);
  });

  it('with no answer at all before the deadline, session is undefined', async () => {
    scripted.server.handle(() => { /* never answers */ });
    const error = await catchError(waitForReviewCompletion(ctxFor(), 'r1', { timeout: 200 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.session).toBeUndefined();
    expect(error.message).toContain('last status: none seen');
  });

  it("the context's totalTimeout still bounds each poll (a TimeoutError, not a WaitTimeoutError)", async () => {
    scripted.server.handle(() => { /* never answers */ });
    const error = await catchError(waitForReviewCompletion(ctxFor({ totalTimeout: 100 }), 'r1', { timeout: 5_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(WaitTimeoutError);
  });
});

describe('abort', () => {
  it('during a pause rejects at once with the reason (fake clock: no time passes after the abort)', async () => {
    const { ctx, polls } = fakeClock('submitted');
    const controller = new AbortController();
    const waiting = catchError(waitForReviewCompletion(ctx, 'r1', { signal: controller.signal, interval: 5_000 }));
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error('stop');
    const at = performance.now();
    controller.abort(reason);
    expect(await waiting).toBe(reason);
    expect(performance.now()).toBe(at);
    expect(polls).toEqual([0]);
  });

  it('during a poll rejects at once with the reason, a DOMException AbortError by default (fake clock)', async () => {
    const { ctx, polls } = fakeClock('never');
    const controller = new AbortController();
    const waiting = catchError(waitForReviewCompletion(ctx, 'r1', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    const at = performance.now();
    controller.abort();
    const error = await waiting;
    expect(performance.now()).toBe(at);
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
    expect(polls).toEqual([0]);
  });

  it('an already aborted signal sends nothing', async () => {
    script('approved');
    const reason = new Error('already');
    expect(await catchError(waitForReviewCompletion(ctxFor(), 'r1', { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('errors and validation', () => {
  it('a failed poll rejects with its error', async () => {
    scripted.server.handle((_, res) => json(res, 404, { error: 'review session not found', code: 'NOT_FOUND' }));
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
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('refuses a missing context', async () => {
    const error = await catchError(waitForReviewCompletion(undefined as never, 'r1'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('createContext');
  });
});
