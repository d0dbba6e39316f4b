import { readFileSync } from 'node:fs';
import { ValidationError } from '@symbiont/core';
import { catchError } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { verifySchemaSignature, verifySignedTool } from './index.ts';

// SchemaPin's published vectors (ThirdKeyAI/SchemaPin, copied unchanged) and signatures made with
// its Python implementation; see test/fixtures/README.md.
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
const published = ['javascript', 'python'].map((port) => ({
  port,
  signed: fixture(`schemapin-${port}-demo_schema_signed.json`) as { schema: Record<string, any>; signature: string },
  publicKey: (fixture(`schemapin-${port}-demo_well_known.json`) as { public_key_pem: string }).public_key_pem,
}));
const python = fixture('python-vectors.json') as {
  public_key_pem: string;
  vectors: { name: string; document: any; signature: string }[];
  limitation: { document_text: string; signature: string };
};

const clone = <T>(value: T): T => structuredClone(value);
const flip = (signature: string, at: number): string => {
  const bytes = Buffer.from(signature, 'base64');
  bytes[at]! ^= 0x01;
  return bytes.toString('base64');
};

describe('verifySchemaSignature with SchemaPin published vectors', () => {
  it.each(published)("verifies the $port port's demo_schema_signed.json with its demo_well_known.json key", async ({ signed, publicKey }) => {
    expect(await verifySchemaSignature(signed.schema, signed.signature, publicKey)).toBe(true);
    // Key order in the document does not matter (it is canonicalised).
    const reordered = { parameters: clone(signed.schema.parameters), description: signed.schema.description, name: signed.schema.name };
    expect(await verifySchemaSignature(reordered, signed.signature, publicKey)).toBe(true);
  });

  it.each(published)("resolves false for tampered copies of the $port port's vector", async ({ signed, publicKey }) => {
    const tampered: Record<string, any>[] = [
      { ...clone(signed.schema), name: 'calculate_difference' },
      { ...clone(signed.schema), description: 'Calculates the sum of two numbers ' },
      (() => { const s = clone(signed.schema); s.parameters.properties.c = { type: 'string' }; return s; })(),
      (() => { const s = clone(signed.schema); s.parameters.required = ['b', 'a']; return s; })(),
      (() => { const s = clone(signed.schema); s.parameters.properties.a.type = 'string'; return s; })(),
      (() => { const s = clone(signed.schema); delete s.parameters.required; return s; })(),
    ];
    for (const document of tampered) expect(await verifySchemaSignature(document, signed.signature, publicKey)).toBe(false);
    expect(await verifySchemaSignature(signed.schema, flip(signed.signature, 10), publicKey)).toBe(false);
  });

  it("resolves false with the other port's key", async () => {
    const [js, py] = published;
    expect(await verifySchemaSignature(js!.signed.schema, js!.signed.signature, py!.publicKey)).toBe(false);
    expect(await verifySchemaSignature(py!.signed.schema, py!.signed.signature, js!.publicKey)).toBe(false);
  });

  it('accepts the same signature as raw r||s (64 bytes)', async () => {
    const { signed, publicKey } = published[1]!; // r is 31 bytes in this DER signature
    const raw = new Uint8Array(64);
    const der = Buffer.from(signed.signature, 'base64');
    const rLength = der[3]!;
    const r = der.subarray(4, 4 + rLength);
    const s = der.subarray(6 + rLength);
    raw.set(r.subarray(Math.max(0, r.length - 32)), 32 - Math.min(32, r.length));
    raw.set(s.subarray(Math.max(0, s.length - 32)), 64 - Math.min(32, s.length));
    expect(await verifySchemaSignature(signed.schema, Buffer.from(raw).toString('base64'), publicKey)).toBe(true);
  });
});

describe("verifySchemaSignature with signatures made by SchemaPin's Python code", () => {
  it.each(python.vectors)('verifies "$name"; a tampered copy does not', async ({ document, signature }) => {
    expect(await verifySchemaSignature(document, signature, python.public_key_pem)).toBe(true);
    expect(await verifySchemaSignature({ ...document, extra: 1 }, signature, python.public_key_pem)).toBe(false);
    expect(await verifySchemaSignature(document, flip(signature, 12), python.public_key_pem)).toBe(false);
  });

  it('verifies the Symbiont tool vector with verifySignedTool too', async () => {
    const vector = python.vectors.find((v) => 'schema' in v.document)!;
    const signed = { tool: vector.document, signature: vector.signature, signature_algorithm: 'ES256' };
    expect(await verifySignedTool(signed, { publicKey: python.public_key_pem })).toBe(true);
    expect(await verifySignedTool({ ...signed, tool: { ...vector.document, description: 'changed' } }, { publicKey: python.public_key_pem })).toBe(false);
  });

  it('documented limitation: Python keeps 1.0 and 1e-07 as written, which a value parsed in JavaScript cannot reproduce', async () => {
    const { document_text, signature } = python.limitation;
    expect(await verifySchemaSignature(JSON.parse(document_text), signature, python.public_key_pem)).toBe(false);
  });
});

describe('verifySchemaSignature input errors', () => {
  const { signed, publicKey } = published[0]!;

  it('rejects a document that is not JSON, naming the path', async () => {
    const error = await catchError(verifySchemaSignature({ a: Number.NaN }, signed.signature, publicKey));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('verifySchemaSignature');
    expect(error.issues[0].path).toBe('document.a');
  });

  it('rejects a signature that is not base64 and a key that is not an ECDSA P-256 public key', async () => {
    for (const signature of ['', '@@', 42]) {
      const error = await catchError(verifySchemaSignature(signed.schema, signature as never, publicKey));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('signature');
    }
    for (const key of ['not a pem', undefined, {}]) {
      const error = await catchError(verifySchemaSignature(signed.schema, signed.signature, key as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('publicKey');
    }
  });

  it('never throws synchronously', async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => { promise = verifySchemaSignature(undefined, undefined as never, undefined as never); }).not.toThrow();
    expect(await catchError(promise!)).toBeInstanceOf(ValidationError);
  });
});
