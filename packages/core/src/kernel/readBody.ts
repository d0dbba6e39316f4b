import { ResponseValidationError } from '../errors.ts';

/**
 * Read a response body as text, refusing more than `maxBytes` **decoded** bytes (what `fetch`
 * yields after gzip, deflate or br, whatever `content-length` says). The body is streamed and
 * the read stops at the cap, so memory stays bounded by it.
 *
 * Past the cap, a 2xx body is a `ResponseValidationError`; any other (an error page) is cut
 * (`truncate`): its first `maxBytes` bytes, back to the last delimiter so that no credential is
 * left half (redaction only finds whole ones), then a marker. The status then decides as usual.
 */
export async function readBody(response: Response, maxBytes: number, operation: string, truncate = !response.ok): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for (let chunk; !(chunk = await reader.read()).done;) {
      if ((size += chunk.value.byteLength) > maxBytes) {
        if (!truncate) {
          throw new ResponseValidationError(`${operation}: response body larger than maxResponseBytes (${maxBytes} bytes)`, response.status, '');
        }
        text += decoder.decode(chunk.value.subarray(0, chunk.value.byteLength - (size - maxBytes)));
        void reader.cancel().catch(() => undefined);
        let end = text.length;
        while (end && !/[\s"',:;{}[\]<>]/.test(text[end - 1]!)) end--;
        return `${text.slice(0, end)}…[truncated at maxResponseBytes]`;
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  return text + decoder.decode();
}
