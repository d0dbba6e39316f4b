import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { catchError, useScriptedServer } from '@symbiont/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../createContext.ts';
import { ResponseValidationError } from '../errors.ts';
import { createNodeTransport } from '../node.ts';
import { request } from '../request.ts';
import { readBody } from './readBody.ts';

const scripted = useScriptedServer();
const transport = createNodeTransport();
afterAll(() => transport.close());

const CAP = 1024 * 1024;
/** 20 MB of JSON-ish text, compressed to a few KB: a decompression bomb under a 1 MiB cap. */
const BOMB = Buffer.from(`"${' '.repeat(20_000_000)}"`);
const encoders = {
  gzip: (data: Buffer) => gzipSync(data),
  deflate: (data: Buffer) => deflateSync(data),
  br: (data: Buffer) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
};
const bombs = Object.fromEntries(Object.entries(encoders).map(([name, encode]) => [name, encode(BOMB)]));

const serve = (encoding: keyof typeof encoders, body: Buffer) =>
  scripted.server.handle((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': body.length });
    res.end(body);
  });

describe.each([
  ['the global fetch', undefined],
  ['createNodeTransport', transport.fetch],
] as const)('maxResponseBytes counts decoded bytes under %s', (_, fetch) => {
  const ctx = () => createContext({ baseUrl: scripted.server.url, maxRetries: 0, maxResponseBytes: CAP, fetch });

  it.each(Object.keys(encoders) as (keyof typeof encoders)[])('a %s bomb with a content-length is refused', async (encoding) => {
    expect(bombs[encoding]!.length).toBeLessThan(CAP);
    serve(encoding, bombs[encoding]!);
    const error = await catchError(request(ctx(), { method: 'GET', path: '/big' }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain(`maxResponseBytes (${CAP} bytes)`);
  });

  it.each(Object.keys(encoders) as (keyof typeof encoders)[])('a %s body under the cap decodes', async (encoding) => {
    serve(encoding, encoders[encoding](Buffer.from(JSON.stringify({ ok: 'ä'.repeat(1000) }))));
    expect(await request(ctx(), { method: 'GET', path: '/small' })).toEqual({ ok: 'ä'.repeat(1000) });
  });
});

describe('readBody', () => {
  it('stops reading at the cap and cancels the stream', async () => {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1000));
      },
      cancel() {
        cancelled = true;
      },
    });
    const error = await catchError(readBody(new Response(stream), 10_000, 'op'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(pulled).toBeLessThan(20);
    expect(cancelled).toBe(true);
  });

  it('decodes UTF-8 split across chunks, and an absent body is empty', async () => {
    const bytes = new TextEncoder().encode('€uro');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 1));
        controller.enqueue(bytes.slice(1));
        controller.close();
      },
    });
    expect(await readBody(new Response(stream), 100, 'op')).toBe('€uro');
    expect(await readBody(new Response(null, { status: 204 }), 100, 'op')).toBe('');
  });
});
