import { rawCall, type RawAnswer, useMockRuntime } from '@symbiont/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';

const API_KEY = 'approvals-key';
const AGENT = '11111111-1111-4111-8111-111111111111';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const runtime = useMockRuntime({ apiKey: API_KEY });
afterEach(() => {
  vi.useRealTimers();
});

const call = (method: string, path: string, body?: unknown): Promise<RawAnswer> =>
  rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json' } });

const listed = async () => ((await call('GET', '/approvals')).body as { id: string }[]).map((action) => action.id);

describe('held actions', () => {
  it('holdAction returns the action as the runtime lists it; GET /approvals lists it until decided', async () => {
    const before = Date.now();
    const action = runtime.mock.holdAction({ agent_id: AGENT, kind: 'delegate', summary: 'delegate to billing', reason: 'cross-team', context_snapshot: { step: 3 }, expiresInMs: 60_000 });
    expect(action).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      agent_id: AGENT,
      kind: 'delegate',
      summary: 'delegate to billing',
      reason: 'cross-team',
      context_snapshot: { step: 3 },
      created_at: expect.stringMatching(ISO),
      expires_at: expect.stringMatching(ISO),
      status: 'pending',
    });
    expect(Date.parse(action.created_at)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(action.expires_at) - Date.parse(action.created_at)).toBe(60_000);
    const list = await call('GET', '/approvals');
    expect(list).toMatchObject({ status: 200, type: 'application/json' });
    expect(list.body).toContainEqual(action);

    const approved = await call('POST', `/approvals/${action.id}/approve`);
    expect(approved).toMatchObject({ status: 200, text: '' });
    expect(await listed()).not.toContain(action.id);
  });

  it('defaults: kind tool_call, a reason, context null, 5 minutes to decide', () => {
    const action = runtime.mock.holdAction({ agent_id: AGENT, summary: 'run shell' });
    expect(action).toMatchObject({ kind: 'tool_call', reason: expect.any(String), context_snapshot: null, status: 'pending' });
    expect(Date.parse(action.expires_at) - Date.parse(action.created_at)).toBe(300_000);
  });

  it('lists held actions oldest first, each with its own id', async () => {
    const ids = [1, 2, 3].map((n) => runtime.mock.holdAction({ agent_id: AGENT, summary: `action ${n}` }).id);
    expect(new Set(ids).size).toBe(3);
    const all = await listed();
    expect(all.filter((id) => ids.includes(id))).toEqual(ids);
  });

  it('a second decision, or one on an unknown id, is 404 not_found (lower case, details null)', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'deploy' });
    expect((await call('POST', `/approvals/${id}/deny`, { reason: 'not today' })).status).toBe(200);
    for (const verb of ['approve', 'deny']) {
      expect(await call('POST', `/approvals/${id}/${verb}`)).toMatchObject({
        status: 404, type: 'application/json', body: { error: 'Held action not found', code: 'not_found', details: null },
      });
    }
    expect((await call('POST', '/approvals/0123456789abcdef/approve')).body).toMatchObject({ code: 'not_found' });
  });

  it('ignores a body that is not { reason }, as the runtime\'s optional extractor does', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'x' });
    expect((await call('POST', `/approvals/${id}/approve`, [1, 2])).status).toBe(200);
    expect(runtime.mock.requests.at(-1)).toMatchObject({ method: 'POST', path: `/approvals/${id}/approve`, body: [1, 2] });
  });

  it('an action left undecided past expires_at is denied: no longer listed, no longer decidable', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'expiring', expiresInMs: 1_000 });
    expect(await listed()).toContain(id);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 1_000);
    expect(await listed()).not.toContain(id);
    expect((await call('POST', `/approvals/${id}/approve`)).status).toBe(404);
  });

  it('expires in real time too', async () => {
    const { id } = runtime.mock.holdAction({ agent_id: AGENT, summary: 'quick', expiresInMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await listed()).not.toContain(id);
  });

  it.each<[string, unknown]>([
    ['no agent_id', { summary: 's' }],
    ['an empty agent_id', { agent_id: '', summary: 's' }],
    ['no summary', { agent_id: AGENT }],
    ['a negative expiresInMs', { agent_id: AGENT, summary: 's', expiresInMs: -1 }],
    ['a kind that is not a string', { agent_id: AGENT, summary: 's', kind: 1 }],
  ])('holdAction refuses %s with a TypeError', (_, input) => {
    expect(() => runtime.mock.holdAction(input as never)).toThrow(TypeError);
  });

  it('requires the API key', async () => {
    expect((await fetch(`${runtime.mock.url}/approvals`)).status).toBe(401);
  });
});
