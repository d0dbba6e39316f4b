/**
 * SchemaPin signing for the mock (contract: "Tool review", tool signatures), kept independent of
 * the SDK's own code so that each checks the other: ECDSA P-256 with SHA-256 over the 32-byte
 * SHA-256 digest of the UTF-8 of a tool's canonical JSON (the canonical bytes are hashed twice),
 * as SchemaPin's Python, JavaScript and Rust implementations sign.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';

/** Code point order, by way of UTF-8: comparing UTF-8 bytes orders strings by code point. */
const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * JSON text with object keys sorted by Unicode code point at every depth (Python's `sort_keys`),
 * arrays in order, no whitespace, strings and numbers as `JSON.stringify` writes them.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort(byUtf8)) {
    const text = canonicalJson((value as Record<string, unknown>)[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/** The bytes a tool signature covers: the canonical JSON of `{ name, description, schema }`, UTF-8. */
export function signedBytes(tool: { name: unknown; description: unknown; schema: unknown }): Buffer {
  return Buffer.from(canonicalJson({ name: tool.name, description: tool.description, schema: tool.schema }) ?? '', 'utf8');
}

/**
 * Signs a tool by SchemaPin's rule: ECDSA P-256 / SHA-256 over `SHA-256(signedBytes(tool))`. The
 * signature is base64 of DER (`der`, SchemaPin's form) or raw `r||s` (`ieee-p1363`).
 */
export function signTool(
  privateKey: KeyObject,
  tool: { name: unknown; description: unknown; schema: unknown },
  encoding: 'der' | 'ieee-p1363' = 'der',
): string {
  const digest = createHash('sha256').update(signedBytes(tool)).digest();
  return sign('sha256', digest, { key: privateKey, dsaEncoding: encoding }).toString('base64');
}
