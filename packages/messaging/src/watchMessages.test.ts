import { NotFoundError, ValidationError } from '@symbiont/core';
import { agentIds, catchError, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { receiveMessages, sendMessage, watchMessages, type MessageEnvelope } from './index.ts';

let alice: string;
let bob: string;
const API_KEY = 'watch-messages-key';

const runtime = useMockRuntime({
  apiKey: API_KEY,
  setup: async ({ mock }) => {
    [alice, bob] = (await agentIds(mock.url, API_KEY, 2)) as [string, string];
  },
  reset: async ({ ctx }) => {
    await receiveMessages(ctx, bob);
  },
});

const send = async (...payloads: string[]): Promise<void> => {
  for (const payload of payloads) await sendMessage(runtime.ctx, bob, { sender: alice, payload });
};
const polls = () => runtime.mock.requests.filter((r) => r.method === 'GET' && r.path === `/agents/${bob}/messages`).length;

describe('watchMessages', () => {
  it('yields every envelope once, in order, across polls, until the loop breaks', async () => {
    await send('one', 'two', 'three');
    const seen: MessageEnvelope[] = [];
    const watch = watchMessages(runtime.ctx, bob, { interval: 10 });
    for await (const message of watch) {
      seen.push(message);
      // The second batch arrives while the watch is running.
      if (seen.length === 3) await send('four', 'five');
      if (seen.length === 5) break;
    }
    expect(seen.map((m) => m.payload)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(new Set(seen.map((m) => m.message_id)).size).toBe(5);
    expect(seen[0]).toMatchObject({ sender: alice, recipient: bob, message_type: 'direct' });
    expect(watch.undelivered()).toEqual([]);
    expect(polls()).toBeGreaterThanOrEqual(2);
    // Nothing left behind on the runtime either.
    expect((await receiveMessages(runtime.ctx, bob)).messages).toEqual([]);
  });

  it('keeps polling through empty inboxes (a pause of `interval` each) and picks up what arrives later', async () => {
    const watch = watchMessages(runtime.ctx, bob, { interval: 20 });
    const first = watch.next();
    // Let it find the inbox empty at least once before anything is sent.
    while (polls() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await send('late');
    expect((await first).value).toMatchObject({ payload: 'late' });
    await watch.return();
  });

  it('a break mid-batch leaves the rest of the batch in undelivered(), in order, exactly once', async () => {
    await send('a', 'b', 'c', 'd', 'e');
    const watch = watchMessages(runtime.ctx, bob, { interval: 10 });
    const handled: string[] = [];
    for await (const message of watch) {
      handled.push(message.payload);
      if (handled.length === 2) break;
    }
    expect(handled).toEqual(['a', 'b']);
    expect(polls()).toBe(1);
    // The runtime no longer has them: the watch is the only place they are.
    expect((await receiveMessages(runtime.ctx, bob)).messages).toEqual([]);
    expect(watch.undelivered().map((m) => m.payload)).toEqual(['c', 'd', 'e']);
    expect(watch.undelivered()).toEqual([]);
    // An ended watch stays ended.
    expect(await watch.next()).toEqual({ done: true, value: undefined });
  });

  it('an abort while it waits ends the loop normally (it returns, nothing is thrown)', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await send('only');
    for await (const message of watchMessages(runtime.ctx, bob, { interval: 60_000, signal: controller.signal })) {
      seen.push(message.payload);
      // The next poll finds nothing and pauses for a minute; the abort ends the pause.
      setTimeout(() => controller.abort(), 20);
    }
    expect(seen).toEqual(['only']);
    expect(polls()).toBe(2);
  });

  it('an abort with envelopes still to hand over stops there; they stay in undelivered()', async () => {
    const controller = new AbortController();
    await send('x', 'y', 'z');
    const watch = watchMessages(runtime.ctx, bob, { signal: controller.signal });
    expect((await watch.next()).value).toMatchObject({ payload: 'x' });
    controller.abort();
    expect(await watch.next()).toEqual({ done: true, value: undefined });
    expect(watch.undelivered().map((m) => m.payload)).toEqual(['y', 'z']);
  });

  it('an abort during a poll lets the poll finish and keeps what it read', async () => {
    const controller = new AbortController();
    await send('in flight 1', 'in flight 2');
    runtime.mock.setFault((request) => (request.method === 'GET' ? { delayMs: 300 } : undefined));
    const watch = watchMessages(runtime.ctx, bob, { signal: controller.signal });
    const next = watch.next();
    while (polls() < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(watch.undelivered().map((m) => m.payload)).toEqual(['in flight 1', 'in flight 2']);
  });

  it('an already aborted signal ends it before any poll', async () => {
    const watch = watchMessages(runtime.ctx, bob, { signal: AbortSignal.abort() });
    expect(await watch.next()).toEqual({ done: true, value: undefined });
    expect(polls()).toBe(0);
  });

  it('a failed poll ends the iterator with its error', async () => {
    const error = await catchError((async () => {
      for await (const _ of watchMessages(runtime.ctx, '00000000-0000-4000-8000-00000000abcd', { interval: 10 })) { /* never */ }
    })());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('AGENT_NOT_FOUND');
  });

  it('a failure after some envelopes: they were yielded first, then the error', async () => {
    await send('before');
    const watch = watchMessages(runtime.ctx, bob, { interval: 10 });
    expect((await watch.next()).value).toMatchObject({ payload: 'before' });
    runtime.mock.setFault(() => ({ status: 503, body: { error: 'down', code: 'UNAVAILABLE' } }));
    expect((await catchError(watch.next())).status).toBe(503);
    expect(await watch.next()).toEqual({ done: true, value: undefined });
  });

  it.each<[string, object | null]>([
    ['a zero interval', { interval: 0 }],
    ['a negative interval', { interval: -5 }],
    ['an interval that is not a number', { interval: '1000' }],
    ['a signal that is not an AbortSignal', { signal: {} }],
    ['options that are null', null],
  ])('refuses %s on the first next(), never synchronously, sending nothing', async (_, options: object | null) => {
    const watch = watchMessages(runtime.ctx, bob, options as never);
    const error = await catchError(watch.next());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('watchMessages');
    expect(error.issues[0].path).toMatch(/^options\b/);
    expect(polls()).toBe(0);
  });

  it('refuses something that is not a context on the first next(), naming ctx', async () => {
    const error = await catchError(watchMessages({ baseUrl: 1 } as never, bob).next());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('ctx');
  });
});
