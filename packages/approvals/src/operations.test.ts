import { APIError, AuthenticationError, createContext, NotFoundError, ValidationError } from '@symbiont/core';
import { catchError, json, startScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { approveAction, denyAction, HeldActionKind, HeldActionStatus, listApprovals, type ResolveRequest } from './index.ts';

const API_KEY = 'approvals-test-key';
const AGENT = '22222222-2222-4222-8222-222222222222';

const runtime = useMockRuntime({
  apiKey: API_KEY,
  // Each test starts with nothing held.
  reset: async ({ ctx }) => {
    for (const action of await listApprovals(ctx)) await denyAction(ctx, action.id);
  },
});

describe('enums', () => {
  it('are frozen objects of the wire strings', () => {
    expect(HeldActionKind).toEqual({ TOOL_CALL: 'tool_call', DELEGATE: 'delegate', SCHEDULE: 'schedule', OTHER: 'other' });
    expect(HeldActionStatus).toEqual({ PENDING: 'pending', APPROVED: 'approved', DENIED: 'denied', EXPIRED: 'expired' });
    expect(Object.isFrozen(HeldActionKind) && Object.isFrozen(HeldActionStatus)).toBe(true);
  });
});

describe('listApprovals', () => {
  it('GETs /approvals: the held actions, with Dates', async () => {
    expect(await listApprovals(runtime.ctx)).toEqual([]);
    const held = runtime.mock.holdAction({ agent_id: AGENT, kind: 'schedule', summary: 'create nightly job', reason: 'schedules need approval', context_snapshot: { cron: '0 0 2 * * *' }, expiresInMs: 60_000 });
    const actions = await listApprovals(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/approvals', query: {}, body: undefined });
    expect(actions).toEqual([{
      ...held,
      kind: HeldActionKind.SCHEDULE,
      status: HeldActionStatus.PENDING,
      created_at: new Date(held.created_at),
      expires_at: new Date(held.expires_at),
    }]);
    expect(actions[0]!.expires_at.getTime() - actions[0]!.created_at.getTime()).toBe(60_000);
  });

  it('parses the runtime\'s nanosecond date-times and keeps unknown kinds and fields', async () => {
    const wire = { id: '0123456789abcdef', agent_id: 'a', kind: 'spend', summary: 's', reason: 'r', context_snapshot: null, created_at: '2026-11-29T17:00:00.123456789Z', expires_at: '2026-11-29T17:05:00+00:00', status: 'pending', approver: 'ops' };
    const server = await startScriptedServer((_, res) => json(res, 200, [wire]));
    try {
      const [action] = await listApprovals(createContext({ baseUrl: server.url }));
      expect(action).toEqual({ ...wire, created_at: new Date('2026-11-29T17:00:00.123Z'), expires_at: new Date('2026-11-29T17:05:00Z') });
    } finally {
      await server.close();
    }
  });
});

describe.each([
  ['approveAction', approveAction, 'approve'],
  ['denyAction', denyAction, 'deny'],
] as const)('%s', (name, decide, verb) => {
  it(`POSTs /approvals/{id}/${verb} with { reason } and resolves to undefined; the action is gone`, async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'call the payments API' });
    expect(await decide(runtime.ctx, id, { reason: 'checked' })).toBeUndefined();
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/approvals/${id}/${verb}`, query: {}, body: { reason: 'checked' } });
    expect(await listApprovals(runtime.ctx)).toEqual([]);
  });

  it('sends no body without a decision', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'x' });
    await decide(runtime.ctx, id);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/approvals/${id}/${verb}`, body: undefined });
    expect(runtime.last().headers['content-type']).toBeUndefined();
  });

  it('sends a null reason as null', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'x' });
    await decide(runtime.ctx, id, { reason: null });
    expect(runtime.last().body).toEqual({ reason: null });
  });

  it('a second decision (the action is forgotten) is a NotFoundError with code not_found', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'x' });
    await decide(runtime.ctx, id);
    for (const again of [approveAction, denyAction]) {
      const error = await catchError(again(runtime.ctx, id));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, code: 'not_found', details: null });
    }
    expect((await catchError(decide(runtime.ctx, 'ffffffffffffffff'))).code).toBe('not_found');
  });

  it('two decisions racing: 409 already_resolved, an APIError with status 409', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'x' });
    runtime.mock.setFault(() => ({ status: 409, body: { error: 'Held action already resolved', code: 'already_resolved', details: null } }));
    const error = await catchError(decide(runtime.ctx, id, { reason: 'late' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 409, code: 'already_resolved' });
    expect(error.name).not.toBe('NotFoundError');
  });

  it('is not retried on a 503 (a POST without retry: true or an idempotencyKey)', async () => {
    runtime.mock.setFault(() => ({ status: 503 }));
    const retrying = createContext({ baseUrl: runtime.mock.url, apiKey: API_KEY, maxRetries: 3 });
    expect((await catchError(decide(retrying, 'aaaaaaaaaaaaaaaa'))).status).toBe(503);
    expect(runtime.mock.requests).toHaveLength(1);
  });

  it.each<[string, unknown, string]>([
    ['an unknown field', { reason: 'r', comment: 'c' }, 'comment'],
    ['a reason that is not a string', { reason: 42 }, 'reason'],
    ['a decision that is not an object', 'approved', ''],
  ])('refuses %s before sending', async (_, decision, path) => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'x' });
    runtime.mock.clearRequests();
    const error = await catchError(decide(runtime.ctx, id, decision as ResolveRequest));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ operation: name });
    expect(error.issues[0].path).toBe(path);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('refuses an empty id before sending', async () => {
    expect(await catchError(decide(runtime.ctx, ''))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('a wrong API key is an AuthenticationError', async () => {
    const error = await catchError(decide(createContext({ baseUrl: runtime.mock.url, apiKey: 'wrong-key' }), 'aaaaaaaaaaaaaaaa'));
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});
