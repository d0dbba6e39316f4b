import * as v from 'valibot';
import { ValidationError } from '@symbiont/core';
import { anyObject, toIssues } from '@symbiont/core/kernel';
import type { Tool } from './models.ts';

const ToolPart = /* @__PURE__ */ v.looseObject({ name: /* @__PURE__ */ v.string(), description: /* @__PURE__ */ v.string(), schema: anyObject });

/** JSON text of `value` with object keys sorted (UTF-16 code units) at every depth; `undefined` where JSON.stringify would omit it. */
const write = (value: unknown): string | undefined => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const text = write((value as Record<string, unknown>)[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
};

/**
 * The canonical JSON of a tool that SchemaPin signatures cover (ES256 over its UTF-8 bytes): the
 * tool's `{ name, description, schema }` only, object keys sorted by UTF-16 code units (JavaScript's
 * default sort) at every depth, arrays in order, no whitespace, strings and numbers exactly as
 * `JSON.stringify` writes them (non-ASCII characters not escaped). Providers sign these bytes.
 *
 * @example
 * ```ts
 * canonicalToolJson({ name: 'calc', description: 'Adds', schema: { type: 'object', properties: { b: {}, a: {} } } });
 * // '{"description":"Adds","name":"calc","schema":{"properties":{"a":{},"b":{}},"type":"object"}}'
 * ```
 * @param tool A tool (any other field is ignored).
 * @throws `ValidationError` (from `@symbiont/core`) when `name`, `description` or `schema` is missing or of the wrong type.
 */
export function canonicalToolJson(tool: Pick<Tool, 'name' | 'description' | 'schema'>): string {
  const checked = v.safeParse(ToolPart, tool);
  if (!checked.success) throw new ValidationError('canonicalToolJson', toIssues(checked.issues, 'tool'));
  return write({ name: tool.name, description: tool.description, schema: tool.schema })!;
}
