// useMockRuntime's hooks: a clean slate before each test, a context with the mock's key, and `last()`.
import { AuthenticationError, createContext, listAgents } from '@symbiont/core';
import { describe, expect, it } from 'vitest';
import { catchError } from './index.ts';
import { useMockRuntime } from './mockRuntime.ts';

const API_KEY = 'fixture-key';

describe('once per file', () => {
  let resets = 0;
  const runtime = useMockRuntime({ apiKey: API_KEY, reset: () => { resets++; } });

  it('gives a context with the mock\'s key and no retries; last() is the last request', async () => {
    await listAgents(runtime.ctx);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: '/agents', headers: { authorization: `Bearer ${API_KEY}` } });
    expect(runtime.ctx.maxRetries).toBe(0);
    runtime.mock.setFault(() => ({ status: 503 }));
    expect((await catchError(listAgents(runtime.ctx))).status).toBe(503);
    expect(runtime.mock.requests).toHaveLength(2);
  });

  it('then removes the fault and clears the requests before the next test, after running reset', async () => {
    expect(resets).toBe(2);
    expect(runtime.mock.requests).toHaveLength(0);
    expect(() => runtime.last()).toThrow(/no request/);
    await listAgents(runtime.ctx);
    expect(runtime.mock.requests).toHaveLength(1);
    expect(await catchError(listAgents(createContext({ baseUrl: runtime.mock.url, apiKey: 'wrong', maxRetries: 0 })))).toBeInstanceOf(AuthenticationError);
  });
});

describe('once per test', () => {
  const seen: string[] = [];
  const runtime = useMockRuntime({ apiKey: API_KEY, per: 'test', target: 'webhook', context: {} });

  it.each([1, 2])('starts a fresh mock (%i), the context on its HTTP Input listener with the default retries', async () => {
    seen.push(runtime.mock.url);
    expect(runtime.ctx.baseUrl).toBe(runtime.mock.webhookUrl);
    expect(runtime.ctx.maxRetries).toBe(createContext({}).maxRetries);
    expect(runtime.ctx.maxRetries).not.toBe(0);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
