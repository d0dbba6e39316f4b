import { AuthenticationError, createContext, ValidationError } from '@symbiont/core';
import { catchError, json, startScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { approveAction, denyAction, listApprovals, watchApprovals, type HeldAction } from './index.ts';

const API_KEY = 'watch-approvals-key';
const AGENT = '33333333-3333-4333-8333-333333333333';

const runtime = useMockRuntime({
  apiKey: API_KEY,
  reset: async ({ ctx }) => {
    for (const action of await listApprovals(ctx)) await denyAction(ctx, action.id);
  },
});

const polls = () => runtime.mock.requests.filter((r) => r.method === 'GET' && r.path === '/approvals').length;
const hold = (summary: string) => runtime.mock.holdAction({ agent_id: AGENT, summary });
const waitFor = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('watchApprovals', () => {
  it('yields each pending action once, the first time it is seen, never again while it stays pending', async () => {
    const a = hold('a');
    const b = hold('b');
    const seen: HeldAction[] = [];
    for await (const action of watchApprovals(runtime.ctx, { interval: 10 })) {
      seen.push(action);
      if (seen.length === 2) {
        // a stays pending, b is decided; c arrives after a few more polls have listed a again.
        await approveAction(runtime.ctx, b.id);
        const from = polls();
        void waitFor(() => polls() >= from + 3).then(() => hold('c'));
      }
      if (seen.length === 3) break;
    }
    expect(seen.map((action) => action.summary)).toEqual(['a', 'b', 'c']);
    expect(seen[0]).toMatchObject({ id: a.id, status: 'pending', created_at: new Date(a.created_at) });
    expect((await listApprovals(runtime.ctx)).map((action) => action.summary).sort()).toEqual(['a', 'c']);
  });

  it('forgets ids no longer listed (bounded memory): one listed again is new again', async () => {
    const action = { id: '0123456789abcdef', agent_id: 'x', kind: 'other', summary: 's', reason: 'r', context_snapshot: null, created_at: '2026-11-29T17:00:00Z', expires_at: '2026-11-29T17:05:00Z', status: 'pending' };
    const pages = [[action], [action], [], [action]];
    const server = await startScriptedServer((_, res) => json(res, 200, pages.shift() ?? []));
    try {
      const ids: string[] = [];
      for await (const held of watchApprovals(createContext({ baseUrl: server.url }), { interval: 1 })) {
        ids.push(held.id);
        if (ids.length === 2) break;
      }
      expect(ids).toEqual([action.id, action.id]);
      expect(server.requests).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('skips listed actions that are not pending', async () => {
    const base = { agent_id: 'x', kind: 'other', summary: 's', reason: 'r', context_snapshot: null, created_at: '2026-11-29T17:00:00Z', expires_at: '2026-11-29T17:05:00Z' };
    const server = await startScriptedServer((_, res) => json(res, 200, [
      { ...base, id: 'aaaaaaaaaaaaaaaa', status: 'expired' },
      { ...base, id: 'bbbbbbbbbbbbbbbb', status: 'pending' },
    ]));
    try {
      const watch = watchApprovals(createContext({ baseUrl: server.url }), { interval: 1 });
      expect((await watch.next()).value).toMatchObject({ id: 'bbbbbbbbbbbbbbbb' });
      await watch.return();
    } finally {
      await server.close();
    }
  });

  it('an abort while it waits ends the loop normally (it returns, nothing is thrown)', async () => {
    const controller = new AbortController();
    hold('only');
    const seen: string[] = [];
    for await (const action of watchApprovals(runtime.ctx, { interval: 60_000, signal: controller.signal })) {
      seen.push(action.summary);
      setTimeout(() => controller.abort(), 20);
    }
    expect(seen).toEqual(['only']);
    expect(polls()).toBe(1);
  });

  it('an abort during a poll cancels it and ends the loop normally', async () => {
    const controller = new AbortController();
    runtime.mock.setFault(() => ({ delayMs: 5_000 }));
    const watch = watchApprovals(runtime.ctx, { signal: controller.signal });
    const next = watch.next();
    await waitFor(() => polls() >= 1);
    controller.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('an abort mid-batch stops there', async () => {
    const controller = new AbortController();
    hold('one');
    hold('two');
    const watch = watchApprovals(runtime.ctx, { signal: controller.signal });
    expect((await watch.next()).value).toMatchObject({ summary: 'one' });
    controller.abort();
    expect(await watch.next()).toEqual({ done: true, value: undefined });
  });

  it('an already aborted signal ends it before any poll', async () => {
    expect(await watchApprovals(runtime.ctx, { signal: AbortSignal.abort() }).next()).toEqual({ done: true, value: undefined });
    expect(polls()).toBe(0);
  });

  it('a failed poll ends the iterator with its error', async () => {
    const error = await catchError((async () => {
      for await (const _ of watchApprovals(createContext({ baseUrl: runtime.mock.url, apiKey: 'wrong' }), { interval: 10 })) { /* never */ }
    })());
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it.each<[string, unknown]>([
    ['a zero interval', { interval: 0 }],
    ['an interval past 2^31-1 ms', { interval: 2 ** 31 }],
    ['a signal that is not an AbortSignal', { signal: 'stop' }],
    ['options that are a number', 5],
  ])('refuses %s on the first next(), never synchronously, sending nothing', async (_, options: unknown) => {
    const watch = watchApprovals(runtime.ctx, options as never);
    const error = await catchError(watch.next());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('watchApprovals');
    expect(polls()).toBe(0);
  });

  it('refuses something that is not a context on the first next(), naming ctx', async () => {
    const error = await catchError(watchApprovals(undefined as never).next());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('ctx');
  });
});
