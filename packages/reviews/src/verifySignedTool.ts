import * as v from 'valibot';
import { SymbiontError, ValidationError } from '@symbiont/core';
import { toIssues } from '@symbiont/core/kernel';
import { canonicalToolJson } from './canonicalToolJson.ts';
import type { Tool } from './models.ts';

/** What {@link verifySignedTool} checks: a `SignedTool` from `getSignedTool`, or the same fields from elsewhere. */
export interface VerifiableTool {
  tool: Pick<Tool, 'name' | 'description' | 'schema'>;
  /** Base64 of the ES256 signature, DER or raw `r||s` (64 bytes). */
  signature: string;
  /** Must be `"ES256"` when given (SchemaPin's only algorithm). */
  signature_algorithm?: string | undefined;
}

/** Options of {@link verifySignedTool}. */
export interface VerifyOptions {
  /** The signer's ECDSA P-256 public key: a PEM (SPKI, `-----BEGIN PUBLIC KEY-----`) string or a `CryptoKey`. */
  // `(typeof CryptoKey)['prototype']`, not `CryptoKey`: the same type, but it also resolves for a
  // Node project with @types/node and no DOM lib, where `CryptoKey` is only a value (the shipped
  // .d.ts must type-check there with skipLibCheck: false).
  publicKey: string | (typeof CryptoKey)['prototype'];
}

const OPERATION = 'verifySignedTool';
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const KEY_EXPECTED = 'a PEM (SPKI) or CryptoKey ECDSA P-256 public key usable to verify';

const Args = /* @__PURE__ */ v.object({
  signature: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.minLength(1, 'non-empty base64')),
  signature_algorithm: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  publicKey: /* @__PURE__ */ v.union([/* @__PURE__ */ v.string(), /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.any(), /* @__PURE__ */ v.check((key) => typeof key?.type === 'string' && typeof key.algorithm === 'object', 'CryptoKey'))], KEY_EXPECTED),
});

const invalid = (path: string, expected: string, detail: string): ValidationError =>
  new ValidationError(OPERATION, [{ path, expected, message: `${path}: expected ${expected}, ${detail}` }]);

/** Decode standard base64 (whitespace and missing padding tolerated); `undefined` if it is not base64. */
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> | undefined => {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** A DER `SEQUENCE { INTEGER r, INTEGER s }` as raw `r||s` (64 bytes), or `undefined` if it is not one. */
const derToRaw = (der: Uint8Array): Uint8Array<ArrayBuffer> | undefined => {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(64);
  let offset = 2;
  for (const at of [0, 32]) {
    const length = der[offset + 1] ?? 0;
    let start = offset + 2;
    const end = start + length;
    if (der[offset] !== 0x02 || length === 0 || end > der.length) return undefined;
    while (start < end - 1 && der[start] === 0) start++;
    if (end - start > 32) return undefined;
    raw.set(der.subarray(start, end), at + 32 - (end - start));
    offset = end;
  }
  return offset === der.length ? raw : undefined;
};

async function toKey(subtle: SubtleCrypto, publicKey: string | CryptoKey): Promise<CryptoKey> {
  if (typeof publicKey !== 'string') {
    const { algorithm, type, usages } = publicKey;
    if (type === 'public' && algorithm.name === 'ECDSA' && (algorithm as EcKeyAlgorithm).namedCurve === 'P-256' && usages.includes('verify')) return publicKey;
    throw invalid('publicKey', KEY_EXPECTED, `received a ${algorithm.name} ${type} key`);
  }
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(publicKey);
  const der = match && fromBase64(match[1]!);
  if (!der) throw invalid('publicKey', KEY_EXPECTED, 'received a string that is not a PEM public key');
  try {
    return await subtle.importKey('spki', der, ECDSA_P256, false, ['verify']);
  } catch {
    throw invalid('publicKey', KEY_EXPECTED, 'received a PEM that is not an ECDSA P-256 public key');
  }
}

/**
 * Check a signed tool's SchemaPin signature with the platform's WebCrypto (`crypto.subtle`; runs
 * in browsers, Workers, Deno, Bun and Node): ES256 (ECDSA P-256, SHA-256) over the UTF-8 of
 * {@link canonicalToolJson}`(tool)`. The signature may be DER or raw `r||s`, in base64.
 *
 * Resolves to `true` or `false` (a tampered tool, another key's signature, or bytes that are no
 * ES256 signature). Rejects with a `ValidationError` only on malformed input: a bad key, a
 * signature that is not base64, a tool missing `name`, `description` or `schema`, or an algorithm
 * other than `ES256` (named in the message).
 *
 * @example
 * ```ts
 * const signed = await getSignedTool(ctx, 'review-123');
 * const publicKey = await fetchProviderKey(ctx, 'https://provider.example.com/.well-known/schemapin.json');
 * if (!(await verifySignedTool(signed, { publicKey }))) throw new Error('signature does not match the tool');
 * ```
 * @param signedTool The tool, its base64 signature and `signature_algorithm`.
 * @param options `publicKey`: PEM (SPKI) string or `CryptoKey`.
 */
export async function verifySignedTool(signedTool: VerifiableTool, options: VerifyOptions): Promise<boolean> {
  const args = v.safeParse(Args, { ...signedTool, publicKey: options?.publicKey });
  if (!args.success) throw new ValidationError(OPERATION, toIssues(args.issues));
  const algorithm = signedTool.signature_algorithm ?? 'ES256';
  if (algorithm !== 'ES256') {
    throw invalid('signature_algorithm', '"ES256"', `received unsupported algorithm ${JSON.stringify(algorithm.slice(0, 40))}`);
  }
  let data: Uint8Array<ArrayBuffer>;
  try {
    data = new TextEncoder().encode(canonicalToolJson(signedTool.tool));
  } catch (error) {
    throw error instanceof ValidationError ? new ValidationError(OPERATION, error.issues) : error;
  }
  const signature = fromBase64(signedTool.signature);
  if (!signature) throw invalid('signature', 'base64', 'received a string that is not base64');
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new SymbiontError(`${OPERATION}: WebCrypto (crypto.subtle) is not available here; browsers offer it only in secure (https) contexts`);
  const key = await toKey(subtle, options.publicKey);
  // A 64-byte signature is raw r||s; anything else may be DER. Try both readings that apply.
  const candidates = [signature.length === 64 ? signature : undefined, derToRaw(signature)];
  for (const candidate of candidates) {
    if (candidate && await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, candidate, data)) return true;
  }
  return false;
}
