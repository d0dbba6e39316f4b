import { readFileSync } from 'node:fs';
import { ValidationError } from '@symbiont/core';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalToolJson, verifySignedTool } from './index.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
const python = fixture('python-vectors.json') as { vectors: { name: string; document: unknown; canonical: string }[] };

const refused = (value: unknown): ValidationError => {
  try {
    canonicalJson(value);
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected canonicalJson to throw');
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps arrays in order, writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { d: true, c: null }, 1], a: { z: {}, y: [] } })).toBe('{"a":{"y":[],"z":{}},"b":[3,{"c":null,"d":true},1]}');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson([{}, [], [[]], { '': '' }])).toBe('[{},[],[[]],{"":""}]');
    expect(canonicalJson('text')).toBe('"text"');
    expect(canonicalJson(null)).toBe('null');
  });

  it('sorts by Unicode code point, not by UTF-16 code unit', () => {
    // U+1F600 (a surrogate pair D83D DE00) sorts after U+FF61 by code point, before it by code unit.
    const document = { '\uff61': 1, '😀': 2, '\ue000': 3, '𝄞': 4, a: 5, 'é': 6, Z: 7, '10': 8, '2': 9 };
    expect(canonicalJson(document)).toBe('{"10":8,"2":9,"Z":7,"a":5,"é":6,"\ue000":3,"｡":1,"𝄞":4,"😀":2}');
    expect(Object.keys(document).sort()).not.toEqual(['10', '2', 'Z', 'a', 'é', '\ue000', '｡', '𝄞', '😀']);
    // A common prefix, then the difference.
    expect(canonicalJson({ 'k😀': 1, 'k\uffff': 2, k: 3 })).toBe('{"k":3,"k\uffff":2,"k😀":1}');
  });

  it('writes strings and numbers as JSON.stringify does (non-ASCII not escaped)', () => {
    expect(canonicalJson({ s: 'é 中文 😀 "q" \\ \n\t\u0001 \u2028 \u007f' })).toBe(`{"s":${JSON.stringify('é 中文 😀 "q" \\ \n\t\u0001 \u2028 \u007f')}}`);
    expect(canonicalJson([0.1, -0, 1e-7, 1e21, 5e-324, 2 ** 53 - 1, 1.0])).toBe('[0.1,0,1e-7,1e+21,5e-324,9007199254740991,1]');
  });

  it('leaves out undefined members and honours toJSON, as JSON.stringify does; keeps shared (non-cyclic) references', () => {
    const shared = { b: 1, a: 2 };
    expect(canonicalJson({ u: undefined, d: new Date('2024-01-01T00:00:00Z'), x: shared, y: [shared, shared] }))
      .toBe('{"d":"2024-01-01T00:00:00.000Z","x":{"a":2,"b":1},"y":[{"a":2,"b":1},{"a":2,"b":1}]}');
  });

  it("gives SchemaPin's Python canonical text for each Python vector", () => {
    expect(python.vectors.length).toBeGreaterThanOrEqual(7);
    for (const vector of python.vectors) expect(canonicalJson(vector.document), vector.name).toBe(vector.canonical);
  });

  it.each([
    ['NaN', { a: { b: Number.NaN } }, 'document.a.b', 'finite number'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], 'document[1]', 'finite number'],
    ['a bigint', { n: 1n }, 'document.n', 'JSON value'],
    ['a function', { f: () => 1 }, 'document.f', 'JSON value'],
    ['a symbol', { 'odd key': Symbol('s') }, 'document["odd key"]', 'JSON value'],
    ['an undefined array item', [1, undefined], 'document[1]', 'JSON value'],
    ['undefined', undefined, 'document', 'JSON value'],
  ])('refuses %s with a ValidationError naming the path', (_, value, path, expected) => {
    const error = refused(value);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('canonicalJson');
    expect(error.issues[0]!.path).toBe(path);
    expect(error.issues[0]!.expected).toContain(expected);
  });

  it('refuses a cycle', () => {
    const document: Record<string, unknown> = { a: { b: [] } };
    ((document.a as { b: unknown[] }).b).push(document);
    const error = refused(document);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]!.path).toBe('document.a.b[0]');
    expect(error.message).toContain('no cycles');
  });

  it('refuses nesting past 1,000 levels with a clear limit, not a RangeError', () => {
    const nest = (depth: number) => {
      let value: unknown = {};
      for (let i = 1; i < depth; i++) value = i % 2 ? [value] : { k: value };
      return value;
    };
    expect(() => canonicalJson(nest(1_000))).not.toThrow();
    for (const depth of [1_001, 20_000]) {
      const error = refused(nest(depth));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toContain('at most 1000 levels');
    }
  });
});

describe('canonicalToolJson', () => {
  it('is canonicalJson of { name, description, schema } only', () => {
    const tool = { name: 'n', description: 'd', schema: { type: 'object', properties: { '😀': {}, '\uff61': {} } }, provider: { name: 'p' } };
    expect(canonicalToolJson(tool)).toBe(canonicalJson({ schema: tool.schema, name: 'n', description: 'd' }));
    expect(canonicalToolJson(tool)).toBe('{"description":"d","name":"n","schema":{"properties":{"｡":{},"😀":{}},"type":"object"}}');
  });

  it('refuses a schema that is not JSON, naming the tool path', () => {
    let error: ValidationError | undefined;
    try {
      canonicalToolJson({ name: 'n', description: 'd', schema: { type: 'object', properties: { x: { maximum: Number.NaN } } } });
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.operation).toBe('canonicalToolJson');
    expect(error!.issues[0]!.path).toBe('tool.schema.properties.x.maximum');
  });

  it('refuses a cyclic or 20,000-deep schema with a ValidationError (verifySignedTool too), never a RangeError', async () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.properties = { self: cyclic };
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { items: deep };
    for (const schema of [cyclic, deep]) {
      const tool = { name: 'n', description: 'd', schema: schema as never };
      expect(() => canonicalToolJson(tool)).toThrow(ValidationError);
      const error = await verifySignedTool({ tool, signature: 'AAAA' }, { publicKey: 'unused' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).operation).toBe('verifySignedTool');
      expect((error as ValidationError).issues[0]!.path).toMatch(/^tool\.schema/);
    }
  });
});
