import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createContext } from './createContext.ts';
import { ResponseValidationError, ValidationError } from './errors.ts';
import { call } from './kernel/call.ts';
import { dateTime } from './kernel/schemas.ts';
import { request } from './request.ts';

const scripted = useScriptedServer((_, res) => json(res, 200, {}));

const ctxFor = () => createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 0 });

describe('ctx must be a context', () => {
  it('a config object passed by mistake says to pass createContext(config)', async () => {
    const error = await catchError(request({ baseUrl: scripted.server.url, apiKey: 'sk-config-key' } as never, { method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('ctx');
    expect(error.message).toContain('pass createContext(config), not the config object');
    expect(error.message).not.toContain('sk-config-key');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it.each([undefined, null, 'ctx', 42])('%j is a ValidationError naming ctx, never a TypeError', async (ctx) => {
    const error = await catchError(request(ctx as never, { method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('ctx');
  });

  it('a spread copy of a context is still one', async () => {
    await request({ ...ctxFor() }, { method: 'GET', path: '/x' });
    expect(scripted.server.requests).toHaveLength(1);
  });
});

describe("request's path rule", () => {
  it.each(['/../etc', '/a/..', '/a/./b', '/%2e%2e/x', '/%2E/x', '/a/.%2E/b', '/x?y=1', '/x#frag', 'relative'])('refuses %j before sending', async (path) => {
    const error = await catchError(request(ctxFor(), { method: 'GET', path }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('path');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it.each(['/a\\..\\..\\etc', '/a\\b', '/a/.\t./etc', '/a/.\n./b', '/a/.\r./b', '/a\u0000b', '/a\u001fb', '/a\u007fb'])('refuses %j (a backslash or a control character) before sending', async (path) => {
    const error = await catchError(request(ctxFor(), { method: 'GET', path }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('path');
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('the kernel refuses any operation path that URL parsing would move, whatever the operation checked', async () => {
    for (const path of ['/a\\..\\..\\etc', '/a/.\t./etc', '/a/../b', '/a/%2e%2E/b', '/a#b', '/a?b']) {
      const error = await catchError(call(ctxFor(), { name: 'getThing', method: 'GET', path }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('path');
    }
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('the kernel accepts characters URL parsing only percent-encodes, and base URLs without a path', async () => {
    await call(ctxFor(), { name: 'getThing', method: 'GET', path: '/a b/é/{x}', params: ['c/d'] });
    await call(createContext({ baseUrl: scripted.server.url, maxRetries: 0 }), { name: 'getThing', method: 'GET', path: '' });
    await call(createContext({ baseUrl: `${scripted.server.url}/api/v1`, maxRetries: 0 }), { name: 'getThing', method: 'GET', path: '' });
    expect(scripted.server.requests.map((r) => r.url)).toEqual(['/api/v1/a%20b/%C3%A9/c%2Fd', '/', '/api/v1']);
  });

  it('accepts dots inside a segment and puts filters in query', async () => {
    await request(ctxFor(), { method: 'GET', path: '/files/a..b/.hidden', query: { q: 'x?y' } });
    expect(scripted.server.requests[0]!.url).toBe('/api/v1/files/a..b/.hidden?q=x%3Fy');
  });
});

describe('response date-times', () => {
  const Output = v.looseObject({ at: dateTime });
  const get = (at: unknown, validateResponses = true) => {
    scripted.server.handle((_, res) => json(res, 200, { at }));
    return call(createContext({ baseUrl: scripted.server.url, maxRetries: 0, validateResponses }), { name: 'getThing', method: 'GET', path: '/t', output: Output });
  };

  it.each([
    ['2024-06-01T12:00:00Z', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T12:00:00+00:00', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T14:00:00.123456789+02:00', '2024-06-01T12:00:00.123Z'],
    ['2024-02-29T00:00:00.1Z', '2024-02-29T00:00:00.100Z'],
    ['2024-06-01t12:00:00z', '2024-06-01T12:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60.5Z', '2017-01-01T00:00:00.500Z'],
    ['2017-01-01T05:29:60+05:30', '2017-01-01T00:00:00.000Z'],
  ])('accepts RFC 3339 with an offset: %s', async (text, iso) => {
    expect((await get(text)).at.toISOString()).toBe(iso);
    expect((await get(text, false)).at.toISOString()).toBe(iso);
  });

  it.each(['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '0', '2024-06-01T12:00:00', '2024-06-01', '2024-06-01T24:00:00Z', '2024-06-01T12:00:61Z', '2024-13-01T00:00:00Z', 'Sat, 01 Jun 2024 12:00:00 GMT'])(
    'refuses %j (validation on)',
    async (text) => {
      const error = await catchError(get(text));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.message).toContain('RFC 3339');
    },
  );
});

describe('enum typos', () => {
  it('name the allowed values and the value received', async () => {
    const Input = v.strictObject({ status: v.picklist(['pending_review', 'approved', 'rejected']) });
    const error = await catchError(call(ctxFor(), { name: 'setStatus', method: 'POST', path: '/s', body: { status: 'aproved' }, input: Input }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('status: expected one of pending_review, approved, rejected, got "aproved"');
  });
});

describe('a sensitive response', () => {
  it('leaves no part of its body in the error or its cause', async () => {
    scripted.server.handle((_, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"value": "s3cr3t-value-xyz'); });
    const error = await catchError(call(ctxFor(), { name: 'getSecret', method: 'GET', path: '/s', sensitive: true }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.responseText).toBe('');
    expect(error.cause).toBeUndefined();
    const { inspect } = await import('node:util');
    expect(inspect(error, { depth: 9, showHidden: true }) + JSON.stringify(error)).not.toContain('s3cr3t');
  });
});
