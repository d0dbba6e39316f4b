import * as v from 'valibot';
import { ValidationError } from '@symbiont/core';
import { anyObject, toIssues } from '@symbiont/core/kernel';
import type { Tool } from './models.ts';
import { canonicalize } from './canonicalJson.ts';

const ToolPart = /* @__PURE__ */ v.looseObject({ name: /* @__PURE__ */ v.string(), description: /* @__PURE__ */ v.string(), schema: anyObject });

/**
 * The canonical JSON of a tool, the text a tool signature covers: {@link canonicalJson} of the
 * tool's `{ name, description, schema }` only (`provider` and any other field are not signed).
 * Object keys are sorted by Unicode code point at every depth, arrays kept in order, no
 * whitespace, strings and numbers as `JSON.stringify` writes them. SchemaPin signers sign the
 * SHA-256 digest of its UTF-8 bytes with ECDSA P-256 (see {@link verifySignedTool}).
 *
 * Pure computation, no request: works with any runtime.
 *
 * @example
 * ```ts
 * canonicalToolJson({ name: 'calc', description: 'Adds', schema: { type: 'object', properties: { b: {}, a: {} } } });
 * // '{"description":"Adds","name":"calc","schema":{"properties":{"a":{},"b":{}},"type":"object"}}'
 * ```
 * @param tool A tool (any other field is ignored).
 * @throws `ValidationError` (operation `canonicalToolJson`) when `name`, `description` or `schema`
 *   is missing or of the wrong type, or the schema is not JSON (see {@link canonicalJson}).
 */
export function canonicalToolJson(tool: Pick<Tool, 'name' | 'description' | 'schema'>): string {
  const checked = v.safeParse(ToolPart, tool);
  if (!checked.success) throw new ValidationError('canonicalToolJson', toIssues(checked.issues, 'tool'));
  return canonicalize({ name: tool.name, description: tool.description, schema: tool.schema }, 'canonicalToolJson', 'tool');
}
