import { canonicalize } from './canonicalJson.ts';
import { signatureBytes, verifyCanonical } from './signatureCheck.ts';

const OPERATION = 'verifySchemaSignature';

/**
 * Check a SchemaPin signature over any JSON document (a tool schema as a provider publishes it,
 * `{ name, description, inputSchema }`, or any other shape) with the platform's WebCrypto
 * (`crypto.subtle`: browsers, Workers, Deno, Bun and Node).
 *
 * The rule is SchemaPin's, which its Python, JavaScript and Rust implementations share: ECDSA
 * P-256 with SHA-256 over the 32-byte SHA-256 digest of the UTF-8 of {@link canonicalJson}`(document)`
 * (so the canonical bytes are hashed twice). ES256 directly over the canonical bytes (SchemaPin's Go
 * port and earlier signers) is accepted too. The signature is base64 of DER or of raw `r||s`
 * (64 bytes). SchemaPin's published test vectors verify with it.
 *
 * Resolves to `true` or `false` (a tampered document, another key's signature, bytes that are no
 * signature). Rejects with a `ValidationError` only on malformed input: a document that is not
 * JSON, a signature that is not base64, or a key that is not an ECDSA P-256 public key.
 *
 * Pure computation, no request: works with any runtime (and with or without a Symbiont server).
 *
 * @example
 * ```ts
 * const publicKey = await fetchProviderKey(ctx, 'https://provider.example.com/.well-known/schemapin.json');
 * const published = { schema: { name: 'calculate_sum', description: 'Adds' }, signature: 'MEUCIQ…' };
 * if (!(await verifySchemaSignature(published.schema, published.signature, publicKey))) throw new Error('not signed by the provider');
 * ```
 * @param document The signed JSON document, as parsed (any value {@link canonicalJson} accepts).
 * @param signature Base64 of the signature (DER or raw `r||s`).
 * @param publicKey The signer's key: PEM (SPKI, `-----BEGIN PUBLIC KEY-----`) or an ECDSA P-256 `CryptoKey` with the `verify` usage.
 */
// `(typeof CryptoKey)['prototype']` is `CryptoKey`, spelled so that the shipped .d.ts also
// type-checks in a Node project with @types/node and no DOM lib (where `CryptoKey` is only a value).
export async function verifySchemaSignature(document: unknown, signature: string, publicKey: string | (typeof CryptoKey)['prototype']): Promise<boolean> {
  const canonical = canonicalize(document, OPERATION, 'document');
  return verifyCanonical(OPERATION, canonical, signatureBytes(OPERATION, signature), publicKey);
}
