import { ValidationError } from '@symbiont/core';
import { describe } from '@symbiont/core/kernel';

/** Deepest nesting of objects and arrays a canonical document may have. */
export const MAX_CANONICAL_DEPTH = 1_000;

/**
 * Orders two strings by Unicode code point, as Python's `sort_keys` and Rust's `BTreeMap` do.
 * JavaScript's default sort compares UTF-16 code units, which puts a character above U+FFFF
 * (a surrogate pair, D800–DFFF) before one in U+E000–U+FFFF; lifting surrogates above that range
 * gives code point order without decoding.
 */
export const byCodePoint = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return lift(x) - lift(y);
  }
  return a.length - b.length;
};

const lift = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

const pathOf = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;

/**
 * The canonical text of `value`, or `undefined` for a value an object member leaves out
 * (`undefined`, as `JSON.stringify` does). Throws a `ValidationError` of `operation` naming the
 * path of anything that is not JSON.
 * @internal
 */
export function canonicalize(value: unknown, operation: string, root: string): string {
  const ancestors = new Set<object>();
  const fail = (path: string, expected: string, detail: string): never => {
    throw new ValidationError(operation, [{ path, expected, message: `${path}: expected ${expected}, ${detail}` }]);
  };
  const write = (input: unknown, path: string, depth: number): string | undefined => {
    let item = input;
    if (item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function') {
      item = (item as { toJSON: (key: string) => unknown }).toJSON('');
    }
    switch (typeof item) {
      case 'string':
      case 'boolean':
        return JSON.stringify(item);
      case 'number':
        return Number.isFinite(item) ? JSON.stringify(item) : fail(path, 'a finite number (JSON has no NaN or Infinity)', `received ${item}`);
      case 'undefined':
        return undefined;
      case 'object':
        break;
      default:
        return fail(path, 'a JSON value', `received ${describe(item)}`);
    }
    if (item === null) return 'null';
    const object = item as object;
    if (ancestors.has(object)) fail(path, 'a JSON value (no cycles)', 'received a reference to one of its own ancestors');
    if (depth >= MAX_CANONICAL_DEPTH) fail(path, `at most ${MAX_CANONICAL_DEPTH} levels of nested objects and arrays`, 'received a deeper document');
    ancestors.add(object);
    let text: string;
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i++) {
        const written = write(object[i], pathOf(path, i), depth + 1);
        items.push(written ?? fail(pathOf(path, i), 'a JSON value', 'received undefined (an array item cannot be left out)'));
      }
      text = `[${items.join(',')}]`;
    } else {
      const members: string[] = [];
      for (const key of Object.keys(object).sort(byCodePoint)) {
        const written = write((object as Record<string, unknown>)[key], pathOf(path, key), depth + 1);
        if (written !== undefined) members.push(`${JSON.stringify(key)}:${written}`);
      }
      text = `{${members.join(',')}}`;
    }
    ancestors.delete(object);
    return text;
  };
  return write(value, root, 0) ?? fail(root, 'a JSON value', 'received undefined');
}

/**
 * The canonical JSON text of a document, as SchemaPin signs it (its Python, JavaScript and Rust
 * implementations agree): object keys sorted by Unicode code point at every depth (Python's
 * `sort_keys`; JavaScript's default sort differs only for characters above U+FFFF), arrays in
 * order, no whitespace, strings and numbers exactly as `JSON.stringify` writes them (non-ASCII
 * characters not escaped). A signature covers the UTF-8 bytes of this text.
 *
 * Members whose value is `undefined` are left out and `toJSON` is honoured (a `Date` becomes its
 * ISO string), as `JSON.stringify` does. Numbers are written the JavaScript way: a document
 * signed in Python with `1.0` or `1e-07` written out cannot be reproduced from a parsed value
 * (a limitation SchemaPin's own JavaScript port shares).
 *
 * Pure computation, no request: works with any runtime (and with or without a Symbiont server).
 *
 * @example
 * ```ts
 * canonicalJson({ b: [1, { d: true, c: null }], a: 'é' });
 * // '{"a":"é","b":[1,{"c":null,"d":true}]}'
 * ```
 * @param document Any JSON value (object, array, string, number, boolean or null).
 * @throws `ValidationError` (operation `canonicalJson`) naming the path of anything that is not
 *   JSON: a non-finite number, a bigint, function or symbol, an `undefined` array item or root, a
 *   cycle, or nesting deeper than 1,000 levels.
 */
export function canonicalJson(document: unknown): string {
  return canonicalize(document, 'canonicalJson', 'document');
}
