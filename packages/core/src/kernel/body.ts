/**
 * Request-body checks: a body must be plain JSON that `JSON.stringify` sends unchanged, nested at
 * most {@link MAX_DEPTH} levels, and validation must not have dropped or reshaped any of it.
 */
import { isPlainObject } from './schemas.ts';

/** Deepest nesting of a request body (objects and arrays), in levels. */
export const MAX_DEPTH = 256;

/** `encodeURIComponent`, or `undefined` for a string JSON and URLs cannot carry (a lone surrogate). */
export const encode = (value: string): string | undefined => {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
};

const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/**
 * The first place where a request body is not plain JSON, as `[path, expected]`: a number that is
 * not finite, a BigInt or function, a Map or class instance, an invalid Date, a lone surrogate, or
 * nesting deeper than {@link MAX_DEPTH} (a cycle included). `JSON.stringify` would send those as
 * `null` or `{}`, or throw: the SDK refuses them instead.
 */
export function notJson(value: unknown, path = '', depth = 0): [string, string] | undefined {
  if (typeof value == 'number') return Number.isFinite(value) ? undefined : [path, 'a finite number'];
  if (typeof value == 'string') return encode(value) === undefined ? [path, 'a well-formed string'] : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? [path, 'a valid Date'] : undefined;
  if (Array.isArray(value) || isPlainObject(value)) {
    if (depth == MAX_DEPTH) return [path, `at most ${MAX_DEPTH} levels of nesting`];
    for (const key in value) {
      const found = notJson((value as Record<string, unknown>)[key], at(path, key), depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  return value === null || typeof value == 'boolean' || value === undefined ? undefined : [path, 'a JSON value'];
}

/**
 * The first field of `input` that validation dropped or reshaped in `output`: valibot drops
 * `__proto__`-like keys and turns an array given for a record into an object.
 */
export function dropped(input: unknown, output: unknown, path = ''): string | undefined {
  if (typeof input != 'object' || input === null || typeof output != 'object' || output === null || output instanceof Date) return undefined;
  if (Array.isArray(input) != Array.isArray(output)) return path;
  for (const [key, item] of Object.entries(input)) {
    if (item === undefined) continue;
    if (!Object.hasOwn(output, key)) return at(path, key);
    const found = dropped(item, (output as Record<string, unknown>)[key], at(path, key));
    if (found) return found;
  }
  return undefined;
}
