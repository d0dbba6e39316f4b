import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import * as errors from './errors.ts';

const init = (status: number): errors.APIErrorInit => ({
  status,
  responseText: '{"error":"nope","code":"NOT_FOUND","details":{"id":"x"}}',
  body: { error: 'nope', code: 'NOT_FOUND', details: { id: 'x' } },
  headers: { 'x-request-id': 'req-1' },
  request: { method: 'GET', url: 'http://h/api/v1/x' },
  operation: 'getThing',
});

describe('errors', () => {
  it('builds the class hierarchy of the contract', () => {
    const notFound = new errors.NotFoundError(init(404));
    expect(notFound).toBeInstanceOf(errors.NotFoundError);
    expect(notFound).toBeInstanceOf(errors.APIError);
    expect(notFound).toBeInstanceOf(errors.SymbiontError);
    expect(notFound).toBeInstanceOf(Error);
    expect(notFound).not.toBeInstanceOf(errors.AuthenticationError);
    expect(notFound.name).toBe('NotFoundError');
    expect(notFound).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req-1', details: { id: 'x' }, operation: 'getThing' });
    expect(notFound.message).toBe('getThing: GET http://h/api/v1/x failed with 404: nope (NOT_FOUND)');
    const timeout = new errors.TimeoutError('late', 'total');
    expect(timeout.kind).toBe('total');
    expect(timeout).not.toBeInstanceOf(errors.APIError);
    expect(new errors.RateLimitError({ ...init(429), retryAfterMs: 2000 }).retryAfterMs).toBe(2000);
    expect(new errors.ConfigurationError('timeout', 'must be positive')).toMatchObject({ option: 'timeout', message: 'timeout must be positive' });
  });

  it('keeps instanceof working across two copies of the module', async () => {
    vi.resetModules();
    const copy = './errors.ts?copy=2';
    const other = (await import(/* @vite-ignore */ copy)) as typeof errors;
    expect(other.NotFoundError).not.toBe(errors.NotFoundError);
    const fromOther = new other.NotFoundError(init(404));
    expect(fromOther).toBeInstanceOf(errors.NotFoundError);
    expect(fromOther).toBeInstanceOf(errors.APIError);
    expect(fromOther).toBeInstanceOf(errors.SymbiontError);
    expect(fromOther).not.toBeInstanceOf(errors.RateLimitError);
    expect(new errors.TimeoutError('x', 'attempt')).toBeInstanceOf(other.TimeoutError);
    expect({}).not.toBeInstanceOf(errors.SymbiontError);
    expect((null as unknown as object) instanceof errors.SymbiontError).toBe(false);
  });

  it('serialises without hidden internals', () => {
    const error = new errors.ValidationError('storeSecret', [{ path: 'agent_id', expected: 'string', message: 'agent_id: expected string, received number' }]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ operation: 'storeSecret', issues: error.issues });
    expect(inspect(error)).toContain('agent_id: expected string');
  });
});
