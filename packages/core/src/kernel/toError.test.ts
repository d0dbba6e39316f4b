import { inspect } from 'node:util';
import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { createContext, type ContextConfig } from '../createContext.ts';
import {
  APIError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  SymbiontError,
} from '../errors.ts';
import { request } from '../request.ts';
import { scrub } from './toError.ts';
import { redactor } from './redact.ts';

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 0, ...config });
const call = (method: 'GET' | 'POST' = 'GET', path = '/agents/deployments', config?: ContextConfig) =>
  request(ctxFor(config), { method, path });
const empty = (status: number) => scripted.server.handle((_, res) => { res.writeHead(status); res.end(); });

describe('statuses to error classes', () => {
  it('403 is a PermissionDeniedError with the runtime code and details', async () => {
    scripted.server.handle((_, res) => json(res, 403, { error: 'Admin required', code: 'ADMIN_REQUIRED', details: { scope: ['a'] } }));
    const error = await catchError(call());
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toBeInstanceOf(APIError);
    expect(error.code).toBe('ADMIN_REQUIRED');
    expect(error.details).toEqual({ scope: ['a'] });
    expect(error.message).toContain('Admin required (ADMIN_REQUIRED)');
  });

  it('409 is a ConflictError', async () => {
    scripted.server.handle((_, res) => json(res, 409, { error: 'already resolved', code: 'already_resolved', details: null }));
    const error = await catchError(call('POST'));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.details).toBeNull();
  });

  it('an empty-body 404 says the runtime does not serve the route, unlike a JSON 404', async () => {
    empty(404);
    const route = await catchError(call('GET'));
    expect(route).toBeInstanceOf(NotFoundError);
    expect(route.message).toContain('this runtime does not serve GET /agents/deployments');
    scripted.server.handle((_, res) => json(res, 404, { error: 'Agent not found', code: 'AGENT_NOT_FOUND', details: null }));
    const missing = await catchError(call('GET'));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).not.toContain('does not serve');
    expect(missing.message).toContain('Agent not found (AGENT_NOT_FOUND)');
  });

  it('an empty-body 405 is an APIError saying the same', async () => {
    empty(405);
    const error = await catchError(call('POST', '/agents/deploy'));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('this runtime does not serve POST /agents/deploy');
  });

  it('an empty 401 says whether an API key was sent', async () => {
    empty(401);
    const none = await catchError(call());
    expect(none).toBeInstanceOf(AuthenticationError);
    expect(none.message).toContain('no API key was sent: set apiKey or SYMBIONT_API_KEY');
    const refused = await catchError(call('GET', '/x', { apiKey: 'sk-wrong-key' }));
    expect(refused.message).toContain('the API key was refused');
    expect(refused.message).not.toContain('sk-wrong-key');
  });

  it('the new classes work across two copies of the SDK', () => {
    const init = { status: 403, responseText: '', body: undefined, headers: {}, request: { method: 'GET', url: 'u' }, operation: 'op' };
    const other = Object.assign(Object.create(Error.prototype), { [Symbol.for('@symbiont/core/error-kinds')]: ['ConflictError', 'APIError', 'SymbiontError'] });
    expect(other).toBeInstanceOf(ConflictError);
    expect(other).toBeInstanceOf(SymbiontError);
    expect(other).not.toBeInstanceOf(PermissionDeniedError);
    expect(new PermissionDeniedError(init).name).toBe('PermissionDeniedError');
  });
});

describe('redaction of what the server echoes', () => {
  it('response headers that echo a credential are cut on APIError.headers', async () => {
    scripted.server.handle((req, res) => json(res, 400, { error: 'bad' }, { 'x-echo': String(req.headers.authorization), 'x-key': String(req.headers['x-api-key']) }));
    const error = await catchError(request(ctxFor({ apiKey: 'sk-echoed-1234', headers: { 'x-api-key': 'xk-echoed-5678' } }), { method: 'GET', path: '/x' }));
    expect(error.headers['x-echo']).toBe('[REDACTED]');
    expect(error.headers['x-key']).toBe('[REDACTED]');
    const all = JSON.stringify(error) + inspect(error, { depth: 9, showHidden: true });
    expect(all).not.toContain('sk-echoed-1234');
    expect(all).not.toContain('xk-echoed-5678');
  });

  it('a redirect is an APIError naming only the target origin', async () => {
    scripted.server.handle((_, res) => { res.writeHead(302, { location: 'https://other.example:8443/steal?token=abcd' }); res.end(); });
    const error = await catchError(call());
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(302);
    expect(error.message).toContain('redirect to https://other.example:8443 not followed');
    expect(JSON.stringify(error)).not.toContain('steal');
  });
});

describe('scrub', () => {
  it('copies a cause chain with every message and stack redacted, keeping names and codes', () => {
    const inner = Object.assign(new TypeError('header value sk-cause-9999 invalid'), { code: 'ERR_X' });
    const outer = new Error('fetch failed', { cause: inner });
    const clean = scrub(outer, redactor(['sk-cause-9999'])) as Error & { cause: Error & { code: string } };
    expect(clean.cause.message).toBe('header value [REDACTED] invalid');
    expect(clean.cause.name).toBe('TypeError');
    expect(clean.cause.code).toBe('ERR_X');
    expect(inspect(clean, { depth: 9 })).not.toContain('sk-cause-9999');
    const untouched = new Error('nothing secret');
    expect(scrub(untouched, redactor(['sk-cause-9999']))).toBe(untouched);
  });
});
