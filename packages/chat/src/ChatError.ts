import { SymbiontError } from '@symbiont/core';
import type { ChatErrorCode } from './models.ts';

/**
 * The runtime sent an `Error` frame for a message: `LOOP_ERROR` when its reasoning loop failed
 * (right after the message's final chunk, which the iterator has already yielded), `PARSE_ERROR`
 * when it could not read the frame that carried the message. Served by the open-source runtime
 * (with an LLM provider configured).
 *
 * @example
 * ```ts
 * try {
 *   for await (const event of chat.send('Summarise the last run')) console.log(event);
 * } catch (error) {
 *   if (error instanceof ChatError) console.error(error.code, error.message);
 * }
 * ```
 */
export class ChatError extends SymbiontError {
  static override readonly errorName: string = 'ChatError';
  /** The runtime's code: `LOOP_ERROR`, `PARSE_ERROR`, or one a later runtime adds. */
  declare readonly code: ChatErrorCode | (string & {});
  /** The runtime's id for the message (`null` for `PARSE_ERROR`). */
  declare readonly requestId: string | null;

  /** `message` is the runtime's own text, as it sent it; the code is in {@link ChatError.code}. */
  constructor(code: string, message: string, requestId: string | null) {
    super(message, { code, requestId });
  }
}
