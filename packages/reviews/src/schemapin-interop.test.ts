// SchemaPin interoperability, checked independently of the SDK's own code: this file has its own
// canonical form, its own DER coding and calls WebCrypto directly. Signatures made here by
// SchemaPin's rule must verify with the SDK; signatures the SDK accepts (SchemaPin's published
// vectors, its Python code's, the mock runtime's) must verify here too.
import { readFileSync } from 'node:fs';
import { createContext } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  getReviewSession,
  getSignedTool,
  signApprovedTool,
  submitHumanReviewDecision,
  submitToolForReview,
  verifySchemaSignature,
  verifySignedTool,
} from './index.ts';

const subtle = globalThis.crypto.subtle;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Code points of a string, for ordering keys the way Python's sort_keys does. */
const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);
const compareKeys = (a: string, b: string): number => {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};
/** The test's own canonical form (plain JSON values only). */
const reference = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareKeys);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Raw r||s (64 bytes) as DER. */
const toDer = (raw: Uint8Array): Uint8Array => {
  const integer = (half: Uint8Array): number[] => {
    let bytes = [...half];
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.slice(1);
    if (bytes[0]! & 0x80) bytes = [0, ...bytes];
    return [0x02, bytes.length, ...bytes];
  };
  const body = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return Uint8Array.from([0x30, body.length, ...body]);
};
/** DER as raw r||s (64 bytes). */
const fromDer = (der: Uint8Array): Uint8Array<ArrayBuffer> => {
  const raw = new Uint8Array(64);
  let at = 2;
  for (const half of [0, 1]) {
    const length = der[at + 1]!;
    const value = der.subarray(at + 2, at + 2 + length);
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    raw.set(trimmed, half * 32 + 32 - trimmed.length);
    at += 2 + length;
  }
  return raw;
};

/** Signs by SchemaPin's rule: ECDSA P-256 / SHA-256 over SHA-256(canonical bytes). Raw r||s. */
const schemaPinSign = async (key: CryptoKey, document: unknown): Promise<Uint8Array> =>
  new Uint8Array(await subtle.sign(ES256, key, await subtle.digest('SHA-256', utf8(reference(document)))));
/** Verifies by SchemaPin's rule, independently of the SDK. */
const schemaPinVerify = async (pem: string, document: unknown, signature: string): Promise<boolean> => {
  const spki = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  const key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const bytes = Buffer.from(signature, 'base64');
  const raw = bytes.length === 64 ? bytes : fromDer(bytes);
  return subtle.verify(ES256, key, raw, await subtle.digest('SHA-256', utf8(reference(document))));
};
const exportPem = async (key: CryptoKey): Promise<string> =>
  `-----BEGIN PUBLIC KEY-----\n${base64(new Uint8Array(await subtle.exportKey('spki', key))).replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;

const cases: [string, Record<string, unknown>][] = [
  ['unicode', { name: 'übersetzer', description: 'Translates — 中文, emoji 😀, "quoted" \\ \n \u0001 \u2028', tags: ['é', '日本語', '𝄞'] }],
  ['astral-plane keys (code point order)', { '\uff61': 1, '😀': 2, '\ue000': 3, '𝄞': 4, a: 5, 'é': 6, Z: 7, '\ufffd': 8, 'k😀': 9, 'k\uffff': 10 }],
  ['nested key order', { z: { y: { x: { w: [{ d: 4, c: 3, b: 2, a: 1 }], v: true }, u: null }, t: false }, b: 2, a: 1, '10': 'ten', '2': 'two' }],
  ['empty objects and arrays', { object: {}, array: [], nested: [{}, [], [[]], { inner: {} }], '': '' }],
  ['a tool as published', { name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { units: { enum: ['metric', 'imperial'] }, city: { type: 'string' } }, required: ['city'] } }],
];

describe('signed here by SchemaPin rule with WebCrypto, verified by the SDK', async () => {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as CryptoKeyPair;
  const pem = await exportPem(pair.publicKey);

  it('the test canonical form agrees with canonicalJson', () => {
    for (const [, document] of cases) expect(canonicalJson(document)).toBe(reference(document));
  });

  it.each(cases)('%s: DER and raw r||s verify with a PEM and a CryptoKey; tampered copies do not', async (_, document) => {
    const raw = await schemaPinSign(pair.privateKey, document);
    for (const signature of [base64(raw), base64(toDer(raw))]) {
      expect(await verifySchemaSignature(document, signature, pem)).toBe(true);
      expect(await verifySchemaSignature(document, signature, pair.publicKey)).toBe(true);
      expect(await verifySchemaSignature({ ...document, added: 0 }, signature, pem)).toBe(false);
    }
  });

  it.each(cases)('%s: as a signed tool, verifySignedTool agrees', async (_, document) => {
    const tool = { name: 'tool', description: 'a tool', schema: { type: 'object', properties: document } };
    const signature = base64(toDer(await schemaPinSign(pair.privateKey, { name: tool.name, description: tool.description, schema: tool.schema })));
    expect(await verifySignedTool({ tool, signature, signature_algorithm: 'ES256' }, { publicKey: pem })).toBe(true);
    const tampered = { ...tool, schema: { ...tool.schema, properties: { ...document, evil: {} } } };
    expect(await verifySignedTool({ tool: tampered, signature, signature_algorithm: 'ES256' }, { publicKey: pem })).toBe(false);
  });

  it('also accepts ES256 directly over the canonical bytes (the Go port and earlier signers)', async () => {
    for (const [, document] of cases) {
      const raw = new Uint8Array(await subtle.sign(ES256, pair.privateKey, utf8(reference(document))));
      expect(await verifySchemaSignature(document, base64(raw), pem)).toBe(true);
      expect(await verifySchemaSignature(document, base64(toDer(raw)), pem)).toBe(true);
      expect(await verifySchemaSignature({ ...document, added: 0 }, base64(raw), pem)).toBe(false);
    }
  });

  it('does not verify a signature made with UTF-16 key order where code point order differs', async () => {
    const document = cases[1]![1];
    const utf16 = `{${Object.keys(document).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(document[k])}`).join(',')}}`;
    expect(utf16).not.toBe(reference(document));
    const raw = new Uint8Array(await subtle.sign(ES256, pair.privateKey, await subtle.digest('SHA-256', utf8(utf16))));
    expect(await verifySchemaSignature(document, base64(raw), pem)).toBe(false);
  });
});

describe('signatures the SDK accepts verify independently here', () => {
  const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));

  it("SchemaPin's published vectors and its Python code's signatures", async () => {
    const checked: [unknown, string, string][] = [];
    for (const port of ['javascript', 'python']) {
      const signed = fixture(`schemapin-${port}-demo_schema_signed.json`);
      checked.push([signed.schema, signed.signature, fixture(`schemapin-${port}-demo_well_known.json`).public_key_pem]);
    }
    const python = fixture('python-vectors.json');
    for (const vector of python.vectors) checked.push([vector.document, vector.signature, python.public_key_pem]);
    expect(checked.length).toBeGreaterThanOrEqual(9);
    for (const [document, signature, pem] of checked) {
      expect(await verifySchemaSignature(document, signature, pem)).toBe(true);
      expect(await schemaPinVerify(pem, document, signature)).toBe(true);
    }
  });

  it("the mock runtime's signed tools (unicode and astral-plane keys included)", async () => {
    const mock = await startMockRuntime({ reviewDelayMs: 5 });
    try {
      const ctx = createContext({ baseUrl: mock.url });
      const tool = {
        name: 'übersetzer-😀',
        description: 'Translates — 中文 𝄞',
        schema: { type: 'object', properties: { '😀': { type: 'string' }, '\uff61': { type: 'string' }, text: { type: 'string' }, options: { type: 'object', properties: {} } }, required: ['text'] },
        provider: { name: 'example' },
      };
      const { review_id } = await submitToolForReview(ctx, { tool, submitted_by: 'dev@example.com' });
      // The mock analyses a tool on its own, then waits for a decision.
      for (let i = 0; i < 200 && (await getReviewSession(ctx, review_id)).status !== 'pending_review'; i++) await new Promise((r) => setTimeout(r, 10));
      await submitHumanReviewDecision(ctx, review_id, { decision: 'approve', reviewer_id: 'reviewer@example.com' });
      await signApprovedTool(ctx, { review_id, signing_key_id: 'k1' });
      const signed = await getSignedTool(ctx, review_id);
      expect(await verifySignedTool(signed, { publicKey: mock.publicKey })).toBe(true);
      const document = { name: signed.tool.name, description: signed.tool.description, schema: signed.tool.schema };
      expect(await schemaPinVerify(mock.publicKey, document, signed.signature)).toBe(true);
      expect(await schemaPinVerify(mock.publicKey, { ...document, name: 'other' }, signed.signature)).toBe(false);
    } finally {
      await mock.close();
    }
  });
});
