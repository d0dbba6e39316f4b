import { catchError, json, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { createContext } from '../createContext.ts';
import { ValidationError } from '../errors.ts';
import { request } from '../request.ts';
import { dropped, MAX_DEPTH, notJson } from './body.ts';

const scripted = useScriptedServer((_, res) => json(res, 200, {}));

const nest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('request-body depth', () => {
  it(`a body nested 20,000 deep is a ValidationError naming the ${MAX_DEPTH}-level limit, never a RangeError`, async () => {
    const error = await catchError(request(createContext({ baseUrl: scripted.server.url }), { method: 'POST', path: '/x', body: nest(20_000) }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(`at most ${MAX_DEPTH} levels of nesting`);
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('a cyclic body is refused the same way', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const error = await catchError(request(createContext({ baseUrl: scripted.server.url }), { method: 'POST', path: '/x', body: cyclic }));
    expect(error).toBeInstanceOf(ValidationError);
  });

  it(`a body exactly ${MAX_DEPTH} levels deep is sent`, async () => {
    expect(notJson(nest(MAX_DEPTH))).toBeUndefined();
    expect(notJson(nest(MAX_DEPTH + 1))?.[1]).toContain('levels of nesting');
    await request(createContext({ baseUrl: scripted.server.url }), { method: 'POST', path: '/x', body: nest(MAX_DEPTH) });
    expect(scripted.server.requests).toHaveLength(1);
  });
});

describe('notJson and dropped', () => {
  it('find the first value JSON would change, and the first field validation dropped', () => {
    expect(notJson({ a: [1, Number.NaN] })).toEqual(['a.1', 'a finite number']);
    expect(notJson({ a: '\uD800' })).toEqual(['a', 'a well-formed string']);
    expect(notJson({ a: new Map() })).toEqual(['a', 'a JSON value']);
    expect(dropped({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe('a.c');
    expect(dropped({ a: [1] }, { a: { 0: 1 } })).toBe('a');
  });
});
