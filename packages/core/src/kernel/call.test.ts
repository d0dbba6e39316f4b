import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createAgent } from '../createAgent.ts';
import { createContext, type ContextConfig } from '../createContext.ts';
import { ResponseValidationError, ValidationError } from '../errors.ts';
import { getAgentStatus } from '../getAgentStatus.ts';
import { healthCheck } from '../healthCheck.ts';
import { request } from '../request.ts';
import { call } from './call.ts';
import { anyObject } from './schemas.ts';

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1/`, maxRetries: 0, ...config });

const status = {
  agent_id: 'a/b',
  state: 'Running',
  last_activity: '2024-06-01T12:00:00Z',
  resource_usage: { memory_bytes: 10, cpu_percent: 1.5, active_tasks: 0 },
  extra_field: { kept: true },
};

describe('path parameters', () => {
  it.each([
    ['a/b', '/api/v1/agents/a%2Fb/status'],
    ['what?x=1', '/api/v1/agents/what%3Fx%3D1/status'],
    ['hash#tag', '/api/v1/agents/hash%23tag/status'],
    ['100%', '/api/v1/agents/100%25/status'],
    ['agent ü 🚀', '/api/v1/agents/agent%20%C3%BC%20%F0%9F%9A%80/status'],
    ['..a', '/api/v1/agents/..a/status'],
  ])('percent-encodes %j so it cannot change the route', async (id, path) => {
    scripted.server.handle((_, res) => json(res, 200, status));
    await getAgentStatus(ctxFor(), id);
    expect(scripted.server.requests[0]!.url).toBe(path);
  });

  it.each(['', '.', '..'])('refuses %j before sending anything', async (id) => {
    const error = await catchError(getAgentStatus(ctxFor(), id));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('getAgentStatus');
    expect(error.issues[0].path).toBe('agent_id');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('never throws synchronously, even without a context', async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => { promise = healthCheck(undefined as never); }).not.toThrow();
    const error = await catchError(promise!);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('createContext');
  });
});

describe('request validation', () => {
  it('names the function, the field and what was expected, and sends nothing', async () => {
    const error = await catchError(createAgent(ctxFor(), { name: 'n', dsl: 'd', capabilities: ['t', 7], execution_mode: 5 } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('createAgent');
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['capabilities', 'execution_mode']);
    expect(error.message).toContain('createAgent: invalid input: ');
    expect(error.message).toContain('capabilities: expected a list of strings, received array');
    expect(error.message).toContain('execution_mode: expected one of Persistent, Ephemeral, EventDriven, { Scheduled }, { CronScheduled }, { External } (with their settings), received number');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const error = await catchError(createAgent(ctxFor(), { name: 'n', dsl: 'd', colour: 'red' } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('colour');
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('responses', () => {
  it('converts date-times to Dates, keeps unknown fields, accepts unknown enum strings', async () => {
    scripted.server.handle((_, res) => json(res, 200, status));
    const result = await getAgentStatus(ctxFor(), 'a/b');
    expect(result.last_activity).toBeInstanceOf(Date);
    expect(result.last_activity.toISOString()).toBe('2024-06-01T12:00:00.000Z');
    expect(result.state).toBe('Running');
    expect(result.extra_field).toEqual({ kept: true });
  });

  it('refuses a bad shape with the field path', async () => {
    scripted.server.handle((_, res) => json(res, 200, { ...status, resource_usage: { memory_bytes: 'lots' } }));
    const error = await catchError(getAgentStatus(ctxFor(), 'a'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues.map((i: { path: string }) => i.path)).toContain('response.resource_usage.memory_bytes');
    expect(error.responseText).toContain('"lots"');
  });

  it('refuses an unparseable date-time', async () => {
    scripted.server.handle((_, res) => json(res, 200, { ...status, last_activity: 'yesterday' }));
    const error = await catchError(getAgentStatus(ctxFor(), 'a'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0].path).toBe('response.last_activity');
  });

  it('with validateResponses: false, skips validation but still converts dates', async () => {
    scripted.server.handle((_, res) => json(res, 200, { ...status, resource_usage: 'odd' }));
    const result = await getAgentStatus(ctxFor({ validateResponses: false }), 'a');
    expect(result.resource_usage).toBe('odd');
    expect(result.last_activity).toBeInstanceOf(Date);
  });

  it('is not polluted by __proto__ or constructor keys', async () => {
    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok","uptime_seconds":1,"timestamp":"2024-01-01T00:00:00Z","version":"1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    });
    for (const validateResponses of [true, false]) {
      const health = await healthCheck(ctxFor({ validateResponses }));
      expect((health as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(health)).toBe(Object.prototype);
    }
  });

  it('the generic request returns parsed JSON, or undefined for an empty body', async () => {
    scripted.server.handle((req, res) => {
      if (req.url.includes('empty')) res.writeHead(204).end();
      else json(res, 200, { any: ['thing'] });
    });
    await expect(request(ctxFor(), { method: 'GET', path: '/x', query: { a: 1, b: undefined, c: 'x y' } })).resolves.toEqual({ any: ['thing'] });
    expect(scripted.server.requests[0]!.url).toBe('/api/v1/x?a=1&c=x+y');
    await expect(request(ctxFor(), { method: 'DELETE', path: '/empty' })).resolves.toBeUndefined();
    await expect(request(ctxFor(), { method: 'GET', path: '/t/{id}', params: ['a b'] })).resolves.toBeDefined();
    expect(scripted.server.requests[2]!.url).toBe('/api/v1/t/a%20b');
    const bad = await catchError(request(ctxFor(), { method: 'PATCH' as never, path: '/x' }));
    expect(bad).toBeInstanceOf(ValidationError);
  });
});

describe('shared request schemas', () => {
  it('anyObject refuses arrays and other non-objects, naming what was expected', async () => {
    const op = (body: unknown) => call(ctxFor(), { name: 'op', method: 'POST', path: '/x', body: { settings: body }, input: v.strictObject({ settings: anyObject }) });
    for (const body of [[1], 'x', 7, true]) {
      const error = await catchError(op(body));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0]).toMatchObject({ path: 'settings', expected: 'a plain object' });
    }
    await op({ a: 1 });
    expect(scripted.server.requests.map((req) => req.body)).toEqual([{ settings: { a: 1 } }]);
  });

  it('query values must be non-empty strings or numbers', async () => {
    await expect(request(ctxFor(), { method: 'GET', path: '/x', query: { a: '' } })).rejects.toMatchObject({ issues: [{ path: 'a' }] });
    await expect(request(ctxFor(), { method: 'GET', path: '/x', query: { a: {} as never } })).rejects.toBeInstanceOf(ValidationError);
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('per-call options', () => {
  it.each([
    [{ timeout: -1 }, 'options.timeout'],
    [{ timeout: 0 }, 'options.timeout'],
    [{ totalTimeout: 3e9 }, 'options.totalTimeout'],
    [{ maxRetries: 1.5 }, 'options.maxRetries'],
  ])('refuses %o before sending', async (options, path) => {
    const error = await catchError(healthCheck(ctxFor(), options));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ operation: 'healthCheck', issues: [{ path }] });
    expect(scripted.server.requests).toHaveLength(0);
  });
});
