import * as v from 'valibot';
import { ValidationError } from '@symbiont/core';
import { toIssues } from '@symbiont/core/kernel';
import { canonicalToolJson } from './canonicalToolJson.ts';
import type { Tool } from './models.ts';
import { signatureBytes, verifyCanonical } from './signatureCheck.ts';

/** What {@link verifySignedTool} checks: a `SignedTool` from `getSignedTool`, or the same fields from elsewhere. */
export interface VerifiableTool {
  tool: Pick<Tool, 'name' | 'description' | 'schema'>;
  /** Base64 of the ECDSA P-256 signature, DER or raw `r||s` (64 bytes). */
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

const Args = /* @__PURE__ */ v.object({
  tool: /* @__PURE__ */ v.object({}),
  signature_algorithm: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
});

/**
 * Check a signed tool's SchemaPin signature with the platform's WebCrypto (`crypto.subtle`; runs
 * in browsers, Workers, Deno, Bun and Node), by the rule of {@link verifySchemaSignature} over
 * {@link canonicalToolJson}`(tool)`, the canonical form of the tool's `{ name, description, schema }`:
 * ECDSA P-256 with SHA-256 over the SHA-256 digest of those bytes (SchemaPin's Python, JavaScript
 * and Rust signers), or ES256 directly over them (SchemaPin's Go port, earlier signers). The
 * signature may be DER or raw `r||s`, in base64.
 *
 * Resolves to `true` or `false` (a tampered tool, another key's signature, or bytes that are no
 * signature). Rejects with a `ValidationError` only on malformed input: a bad key, a signature
 * that is not base64, a tool missing `name`, `description` or `schema`, or a `signature_algorithm`
 * other than `"ES256"` (named in the message).
 *
 * Pure computation, no request: works with any runtime; the signed tool itself comes from
 * `getSignedTool` (Enterprise, not served by the open-source runtime) or elsewhere.
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
  const args = v.safeParse(Args, signedTool);
  if (!args.success) throw new ValidationError(OPERATION, toIssues(args.issues));
  const algorithm = signedTool.signature_algorithm ?? 'ES256';
  if (algorithm !== 'ES256') {
    const named = JSON.stringify(algorithm.length > 40 ? `${algorithm.slice(0, 40)}…` : algorithm);
    throw new ValidationError(OPERATION, [{
      path: 'signature_algorithm',
      expected: '"ES256"',
      message: `signature_algorithm: expected "ES256" (SchemaPin's only algorithm), received unsupported algorithm ${named}`,
    }]);
  }
  let canonical: string;
  try {
    canonical = canonicalToolJson(signedTool.tool);
  } catch (error) {
    throw error instanceof ValidationError ? new ValidationError(OPERATION, error.issues) : error;
  }
  const signature = signatureBytes(OPERATION, signedTool.signature);
  return verifyCanonical(OPERATION, canonical, signature, (options as VerifyOptions | undefined)?.publicKey);
}
