import { ResponseValidationError } from '../errors.ts';

/**
 * Read a response body as text, refusing more than `maxBytes` **decoded** bytes (what `fetch`
 * yields after gzip, deflate or br, whatever `content-length` says). The body is streamed and
 * the read stops at the cap, so memory stays bounded by it.
 */
export async function readBody(response: Response, maxBytes: number, operation: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for (let chunk; !(chunk = await reader.read()).done;) {
      if ((size += chunk.value.byteLength) > maxBytes) {
        throw new ResponseValidationError(`${operation}: response body larger than maxResponseBytes (${maxBytes} bytes)`, response.status, '');
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  return text + decoder.decode();
}
