/**
 * The SchemaPin signature check shared by `verifySchemaSignature` and `verifySignedTool`, on the
 * platform's WebCrypto only (no Node built-ins: this ships to browsers and Workers).
 * @internal
 */
import { SymbiontError, ValidationError } from '@symbiont/core';
import { describe } from '@symbiont/core/kernel';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const KEY_EXPECTED = 'a PEM (SPKI) or CryptoKey ECDSA P-256 public key usable to verify';

const invalid = (operation: string, path: string, expected: string, detail: string): ValidationError =>
  new ValidationError(operation, [{ path, expected, message: `${path}: expected ${expected}, ${detail}` }]);

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
export const derToRaw = (der: Uint8Array): Uint8Array<ArrayBuffer> | undefined => {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(64);
  let offset = 2;
  for (const at of [0, 32]) {
    const length = der[offset + 1] ?? 0;
    let start = offset + 2;
    const end = start + length;
    if (der[offset] !== 0x02 || length === 0 || length > 33 || end > der.length) return undefined;
    while (start < end - 1 && der[start] === 0) start++;
    if (end - start > 32) return undefined;
    raw.set(der.subarray(start, end), at + 32 - (end - start));
    offset = end;
  }
  return offset === der.length ? raw : undefined;
};

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof (value as CryptoKey | null)?.type === 'string' && typeof (value as CryptoKey).algorithm === 'object';

async function toKey(operation: string, subtle: SubtleCrypto, publicKey: unknown): Promise<CryptoKey> {
  if (isCryptoKey(publicKey)) {
    const { algorithm, type, usages } = publicKey;
    if (type === 'public' && algorithm.name === 'ECDSA' && (algorithm as EcKeyAlgorithm).namedCurve === 'P-256' && usages.includes('verify')) return publicKey;
    throw invalid(operation, 'publicKey', KEY_EXPECTED, `received a ${algorithm.name} ${type} key`);
  }
  if (typeof publicKey !== 'string') throw invalid(operation, 'publicKey', KEY_EXPECTED, `received ${describe(publicKey)}`);
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(publicKey);
  const der = match && fromBase64(match[1]!);
  if (!der) throw invalid(operation, 'publicKey', KEY_EXPECTED, 'received a string that is not a PEM public key');
  try {
    return await subtle.importKey('spki', der, ECDSA_P256, false, ['verify']);
  } catch {
    throw invalid(operation, 'publicKey', KEY_EXPECTED, 'received a PEM that is not an ECDSA P-256 public key');
  }
}

/** The base64 signature as bytes, or a `ValidationError` of `operation` naming `signature`. */
export function signatureBytes(operation: string, signature: unknown): Uint8Array<ArrayBuffer> {
  if (typeof signature !== 'string' || signature === '') throw invalid(operation, 'signature', 'a non-empty base64 string', `received ${describe(signature)}`);
  const bytes = fromBase64(signature);
  if (!bytes) throw invalid(operation, 'signature', 'base64', 'received a string that is not base64');
  return bytes;
}

/**
 * Whether `signature` (DER, or raw `r||s` of 64 bytes) is an ECDSA P-256 signature by
 * `publicKey` of the UTF-8 of `canonical`, under either convention: SchemaPin's (SHA-256 over the
 * 32-byte SHA-256 digest of the bytes, so the bytes are hashed twice) or ES256 directly over the
 * bytes (SchemaPin's Go port, earlier signers). The two messages cannot collide: one is JSON text,
 * the other a 32-byte digest.
 */
export async function verifyCanonical(operation: string, canonical: string, signature: Uint8Array<ArrayBuffer>, publicKey: unknown): Promise<boolean> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new SymbiontError(`${operation}: WebCrypto (crypto.subtle) is not available here; browsers offer it only in secure (https) contexts`);
  const key = await toKey(operation, subtle, publicKey);
  const bytes = new TextEncoder().encode(canonical);
  const digest = await subtle.digest('SHA-256', bytes);
  // A 64-byte signature is raw r||s; anything else may be DER (a DER one can be 64 bytes too).
  const candidates = [signature.length === 64 ? signature : undefined, derToRaw(signature)];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (await subtle.verify(ES256, key, candidate, digest)) return true;
    if (await subtle.verify(ES256, key, candidate, bytes)) return true;
  }
  return false;
}
