import { inspect } from 'node:util';
import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { createContext, type ContextConfig } from '../createContext.ts';
import { ConfigurationError, ValidationError } from '../errors.ts';
import { request } from '../request.ts';
import { credentialParts, splitHeaders, validHeader } from './headers.ts';

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 0, ...config });

describe('validHeader and splitHeaders', () => {
  it('refuses CR, LF and NUL in values and non-token names', () => {
    expect(validHeader('x-a', 'fine value')).toBe(true);
    for (const value of ['a\rb', 'a\nb', 'a\0b']) expect(validHeader('x-a', value)).toBe(false);
    expect(validHeader('x a', 'v')).toBe(false);
    expect(validHeader('x-a', 1)).toBe(false);
  });

  it('keeps credential headers apart, later sets winning, names lower-cased', () => {
    const split = splitHeaders({ 'X-Api-Key': 'one', 'X-Trace': 't' }, { 'x-api-key': 'two' }, { authorization: 'Bearer k' });
    expect(split.visible).toEqual({ 'x-trace': 't' });
    expect(split.hidden).toEqual({ 'x-api-key': 'two', authorization: 'Bearer k' });
    expect(split.secrets).toEqual(expect.arrayContaining(['two', 'Bearer k', 'k']));
    expect(credentialParts('sid=abcdef; theme=dark')).toEqual(expect.arrayContaining(['abcdef', 'dark']));
  });
});

describe('headers before sending', () => {
  it('context headers with CR, LF or NUL are a ConfigurationError at createContext', () => {
    for (const value of ['a\r\nX-Evil: 1', 'a\0']) {
      expect(() => createContext({ headers: { 'x-tenant': value } })).toThrow(ConfigurationError);
    }
  });

  it('per-call headers and idempotencyKey with CR, LF or NUL, or an empty key, are a ValidationError; nothing is sent', async () => {
    const ctx = ctxFor();
    const bad = [
      { headers: { 'x-a': 'v\r\nX-Evil: 1' } },
      { headers: { 'x-a': 'v\0' } },
      { idempotencyKey: 'k\n1' },
      { idempotencyKey: '' },
    ];
    for (const options of bad) {
      const error = await catchError(request(ctx, { method: 'POST', path: '/x' }, options));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).not.toContain('X-Evil');
    }
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('credential headers from the context or the call reach the server, never a hook', async () => {
    const seen: string[] = [];
    const ctx = ctxFor({
      apiKey: 'sk-hook-secret',
      headers: { 'x-api-key': 'xk-context-secret', Cookie: 'sid=cookie-secret' },
      hooks: {
        beforeRequest: (req) => { seen.push(JSON.stringify([...req.headers])); },
        afterResponse: (req) => { seen.push(JSON.stringify([...req.headers])); },
      },
    });
    await request(ctx, { method: 'GET', path: '/x' }, { headers: { 'Proxy-Authorization': 'Basic proxy-secret' } });
    const [received] = scripted.server.requests;
    expect(received!.headers.authorization).toBe('Bearer sk-hook-secret');
    expect(received!.headers['x-api-key']).toBe('xk-context-secret');
    expect(received!.headers.cookie).toBe('sid=cookie-secret');
    expect(received!.headers['proxy-authorization']).toBe('Basic proxy-secret');
    expect(seen).toHaveLength(2);
    for (const secret of ['sk-hook-secret', 'xk-context-secret', 'cookie-secret', 'proxy-secret']) expect(seen.join()).not.toContain(secret);
  });

  it('credential header values echoed in a body are redacted everywhere', async () => {
    scripted.server.handle((req, res) => json(res, 400, { error: `got ${req.headers['x-api-key']} and ${req.headers.cookie}`, details: { echo: req.headers['x-api-key'] } }));
    const lines: string[] = [];
    const ctx = ctxFor({ debug: true, logger: (line) => lines.push(line) });
    const error = await catchError(request(ctx, { method: 'GET', path: '/x' }, { headers: { 'x-api-key': 'xk-per-call-1234', cookie: 'sid=cookie-value-99' } }));
    const all = [error.message, error.responseText, JSON.stringify(error), inspect(error, { depth: 9 }), ...lines].join('\n');
    expect(all).toContain('[REDACTED]');
    expect(all).not.toContain('xk-per-call-1234');
    expect(all).not.toContain('cookie-value-99');
  });
});

describe('afterResponse', () => {
  it('gets a copy with credentials cut from headers and body; returning it changes nothing', async () => {
    scripted.server.handle((req, res) => json(res, 200, { echoed: req.headers['x-api-key'] }, { 'x-echo': String(req.headers['x-api-key']) }));
    const seen: string[] = [];
    const ctx = ctxFor({
      headers: { 'x-api-key': 'xk-after-response-1' },
      hooks: {
        afterResponse: async (_, response) => {
          seen.push(response.headers.get('x-echo')!, await response.clone().text());
          return response;
        },
      },
    });
    expect(await request(ctx, { method: 'GET', path: '/x' })).toEqual({ echoed: 'xk-after-response-1' });
    expect(seen.join()).not.toContain('xk-after-response-1');
    expect(seen.join()).toContain('[REDACTED]');
  });
});
