/** Reads and parses a request's JSON body. */
import type { IncomingMessage } from 'node:http';

/** Largest request body accepted (16 MiB); past it the server answers 413. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** A read body: `value` is the parsed JSON (or `undefined` when empty or unusable). */
export type ParsedBody =
  | { readonly kind: 'empty'; readonly value: undefined }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'invalid-json'; readonly value: undefined; readonly message: string }
  | { readonly kind: 'too-large'; readonly value: undefined };

/** Reads the whole body (rejects when the client aborts) and parses it as JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
  }
  if (size > MAX_REQUEST_BYTES) return { kind: 'too-large', value: undefined };
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { kind: 'empty', value: undefined };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'invalid-json', value: undefined, message: (error as Error).message };
  }
}
