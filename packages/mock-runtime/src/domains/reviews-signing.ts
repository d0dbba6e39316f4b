/** SchemaPin signing for the mock: ES256 over the UTF-8 of a tool's canonical JSON. */
import { sign, type KeyObject } from 'node:crypto';

/**
 * JSON text with object keys sorted by UTF-16 code units at every depth, arrays in order, no
 * whitespace, strings and numbers as `JSON.stringify` writes them (the contract's "Tool signatures").
 */
export function canonicalJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const text = canonicalJson((value as Record<string, unknown>)[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/** The bytes a tool signature covers: the canonical JSON of `{ name, description, schema }`, UTF-8. */
export function signedBytes(tool: { name: unknown; description: unknown; schema: unknown }): Buffer {
  return Buffer.from(canonicalJson({ name: tool.name, description: tool.description, schema: tool.schema }) ?? '', 'utf8');
}

/** Signs a tool with ES256; the signature is base64 of DER (`der`) or raw `r||s` (`ieee-p1363`). */
export function signTool(
  privateKey: KeyObject,
  tool: { name: unknown; description: unknown; schema: unknown },
  encoding: 'der' | 'ieee-p1363' = 'der',
): string {
  return sign('sha256', signedBytes(tool), { key: privateKey, dsaEncoding: encoding }).toString('base64');
}
