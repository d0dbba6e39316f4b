import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { ValidationError } from '@symbiont/core';
import { describe, expect, it } from 'vitest';
import { canonicalToolJson, verifySignedTool, type Tool } from './index.ts';
import { catchError } from '@symbiont/test-support';


const tool: Tool = {
  name: 'example-calculator',
  description: 'A simple calculator tool — ünïcode',
  schema: {
    type: 'object',
    properties: {
      operation: { type: 'string', enum: ['add', 'subtract', 'multiply', 'divide'] },
      b: { type: 'number', maximum: 1e21 },
      a: { type: 'number', minimum: -0.5 },
    },
    required: ['operation', 'a', 'b'],
  },
  provider: { name: 'example-provider' },
};

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

// SchemaPin's rule: ECDSA P-256 / SHA-256 over the SHA-256 digest of the canonical bytes.
const signWith = (t: Pick<Tool, 'name' | 'description' | 'schema'>, encoding: 'der' | 'ieee-p1363', key: KeyObject = keys.privateKey): string =>
  sign('sha256', createHash('sha256').update(canonicalToolJson(t), 'utf8').digest(), { key, dsaEncoding: encoding }).toString('base64');
// The earlier rule (and SchemaPin's Go port): ES256 directly over the canonical bytes.
const signOnce = (t: Pick<Tool, 'name' | 'description' | 'schema'>, encoding: 'der' | 'ieee-p1363'): string =>
  sign('sha256', Buffer.from(canonicalToolJson(t), 'utf8'), { key: keys.privateKey, dsaEncoding: encoding }).toString('base64');

const signed = (encoding: 'der' | 'ieee-p1363' = 'der') => ({ tool, signature: signWith(tool, encoding), signature_algorithm: 'ES256' });

describe('canonicalToolJson', () => {
  it('covers name, description and schema only, keys sorted at every depth, no whitespace', () => {
    expect(canonicalToolJson(tool)).toBe(
      '{"description":"A simple calculator tool — ünïcode","name":"example-calculator","schema":{"properties":'
      + '{"a":{"minimum":-0.5,"type":"number"},"b":{"maximum":1e+21,"type":"number"},'
      + '"operation":{"enum":["add","subtract","multiply","divide"],"type":"string"}},'
      + '"required":["operation","a","b"],"type":"object"}}',
    );
  });

  it('sorts by code point (not UTF-16 code units, not integer-first), writes values as JSON.stringify does', () => {
    const schema = {
      properties: {},
      '2': 'two', '10': 'ten', 'B': 1, 'a': 2, '\uff61': 'halfwidth', '😀': 'astral', 'é': 'e-acute',
      quote: 'say "hi"\n\t\u0001', numbers: [0.1, -0, 1e-7, 5e-324, 123456789012345680000], flags: [true, false, null],
      skipped: undefined, nested: [{ z: 1, y: [{ b: 1, a: 2 }] }], date: new Date('2024-01-01T00:00:00Z'),
    };
    expect(canonicalToolJson({ name: 'n', description: 'd', schema })).toBe(
      '{"description":"d","name":"n","schema":{"10":"ten","2":"two","B":1,"a":2,"date":"2024-01-01T00:00:00.000Z",'
      + '"flags":[true,false,null],"nested":[{"y":[{"a":2,"b":1}],"z":1}],"numbers":[0.1,0,1e-7,5e-324,123456789012345680000],'
      + '"properties":{},"quote":"say \\"hi\\"\\n\\t\\u0001","é":"e-acute","｡":"halfwidth","😀":"astral"}}',
    );
  });

  it('ignores other tool fields and refuses a tool without name, description or schema', () => {
    const otherProvider: Tool = { ...tool, provider: { name: 'someone else' } };
    expect(canonicalToolJson(otherProvider)).toBe(canonicalToolJson(tool));
    const error = (() => { try { canonicalToolJson({ name: 'n', schema: {} } as never); } catch (e) { return e as ValidationError; } })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues[0]!.path).toBe('tool.description');
  });
});

describe('verifySignedTool', () => {
  it('accepts a DER signature with a PEM key', async () => {
    expect(await verifySignedTool(signed('der'), { publicKey: pem })).toBe(true);
  });

  it('accepts a raw r||s (IEEE P1363, 64 bytes) signature with a PEM key', async () => {
    const s = signed('ieee-p1363');
    expect(Buffer.from(s.signature, 'base64')).toHaveLength(64);
    expect(await verifySignedTool(s, { publicKey: pem })).toBe(true);
  });

  it('accepts a CryptoKey', async () => {
    const publicKey = await crypto.subtle.importKey('spki', keys.publicKey.export({ type: 'spki', format: 'der' }), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
    expect(await verifySignedTool(signed('der'), { publicKey })).toBe(true);
    expect(await verifySignedTool(signed('ieee-p1363'), { publicKey })).toBe(true);
  });

  it('accepts ES256 directly over the canonical bytes (earlier signers, SchemaPin\'s Go port), DER or raw', async () => {
    for (const encoding of ['der', 'ieee-p1363'] as const) {
      expect(await verifySignedTool({ tool, signature: signOnce(tool, encoding), signature_algorithm: 'ES256' }, { publicKey: pem })).toBe(true);
      expect(await verifySignedTool({ tool: { ...tool, name: 'other' }, signature: signOnce(tool, encoding), signature_algorithm: 'ES256' }, { publicKey: pem })).toBe(false);
    }
  });

  it('verifies a WebCrypto signature made by a provider over the digest of canonicalToolJson', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalToolJson(tool)));
    const raw = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, digest);
    const signature = Buffer.from(raw).toString('base64');
    expect(await verifySignedTool({ tool, signature, signature_algorithm: 'ES256' }, { publicKey: pair.publicKey })).toBe(true);
    // signature_algorithm may be left out (ES256 is SchemaPin's only algorithm).
    expect(await verifySignedTool({ tool, signature }, { publicKey: pair.publicKey })).toBe(true);
    // Node's verifier agrees that the digest of the canonical bytes is what was signed.
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey));
    expect(verify('sha256', Buffer.from(digest), { key: spki, format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363' }, Buffer.from(raw))).toBe(true);
  });

  it('does not depend on key order in the signed tool', async () => {
    const reordered = { ...signed(), tool: { schema: { required: tool.schema.required, properties: tool.schema.properties, type: 'object' }, description: tool.description, name: tool.name } };
    expect(await verifySignedTool(reordered as never, { publicKey: pem })).toBe(true);
  });

  it.each([
    ['the name', { ...tool, name: 'evil-calculator' }],
    ['the description', { ...tool, description: 'A harmless tool' }],
    ['the schema', { ...tool, schema: { ...tool.schema, properties: { ...tool.schema.properties, command: { type: 'string' } } } }],
    ['a nested enum', { ...tool, schema: { ...tool.schema, properties: { ...tool.schema.properties, operation: { type: 'string', enum: ['add', 'rm -rf'] } } } }],
    ['the required list order', { ...tool, schema: { ...tool.schema, required: ['a', 'operation', 'b'] } }],
  ])('resolves false when %s is tampered with', async (_, tampered) => {
    for (const encoding of ['der', 'ieee-p1363'] as const) {
      expect(await verifySignedTool({ ...signed(encoding), tool: tampered }, { publicKey: pem })).toBe(false);
    }
  });

  it('resolves false for another key, a truncated signature or bytes that are no signature', async () => {
    expect(await verifySignedTool(signed(), { publicKey: other })).toBe(false);
    const der = Buffer.from(signed('der').signature, 'base64');
    expect(await verifySignedTool({ ...signed(), signature: der.subarray(0, der.length - 1).toString('base64') }, { publicKey: pem })).toBe(false);
    expect(await verifySignedTool({ ...signed(), signature: Buffer.alloc(64).toString('base64') }, { publicKey: pem })).toBe(false);
    expect(await verifySignedTool({ ...signed(), signature: Buffer.from('hello').toString('base64') }, { publicKey: pem })).toBe(false);
  });

  it('rejects a signature that is not base64', async () => {
    for (const signature of ['@@not base64@@', 'abcde', '']) {
      const error = await catchError(verifySignedTool({ ...signed(), signature }, { publicKey: pem }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.operation).toBe('verifySignedTool');
      expect(error.issues[0].path).toBe('signature');
    }
  });

  it('rejects a bad PEM or key', async () => {
    const cases: unknown[] = [
      'not a pem',
      '-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----',
      '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
      generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])).privateKey,
      (await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])),
      undefined,
      42,
    ];
    for (const publicKey of cases) {
      const error = await catchError(verifySignedTool(signed(), { publicKey } as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.operation).toBe('verifySignedTool');
      expect(error.issues[0].path).toBe('publicKey');
    }
  });

  it('rejects an unknown algorithm, naming it', async () => {
    for (const algorithm of ['RS256', 'es256', 'ES384']) {
      const error = await catchError(verifySignedTool({ ...signed(), signature_algorithm: algorithm }, { publicKey: pem }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe('signature_algorithm');
      expect(error.message).toContain(`"${algorithm}"`);
    }
  });

  it('rejects a malformed signed tool and never throws synchronously', async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => { promise = verifySignedTool(undefined as never, undefined as never); }).not.toThrow();
    expect(await catchError(promise!)).toBeInstanceOf(ValidationError);
    const error = await catchError(verifySignedTool({ ...signed(), tool: { name: 'x' } } as never, { publicKey: pem }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('verifySignedTool');
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(['tool.description', 'tool.schema']);
  });
});
