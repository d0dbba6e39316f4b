import type { Context } from '@symbiont/core';
import { checkContext } from '@symbiont/core/kernel';
import type { MessageEnvelope } from './models.ts';
import { checkPollOptions, pause } from '@symbiont/core/kernel';
import { receiveMessages } from './receiveMessages.ts';

/** Options of {@link watchMessages}. Durations are milliseconds. */
export interface WatchMessagesOptions {
  /** Pause after a poll that found no message. Default 1,000. */
  interval?: number | undefined;
  /**
   * Ends the watch: the iterator returns (the `for await` loop exits normally, nothing is thrown).
   * A poll already in flight is let finish (cancelling a destructive read could lose the messages
   * the runtime already removed); what it read is kept for {@link MessageWatch.undelivered}.
   */
  signal?: AbortSignal | undefined;
}

/** The async iterator {@link watchMessages} returns: envelopes in order, plus what it read but has not yielded. */
export interface MessageWatch extends AsyncGenerator<MessageEnvelope, void, undefined> {
  /**
   * The envelopes this watch has read from the runtime but not yielded (the rest of a batch after
   * a `break`, an abort or a `return()`), in order. They are removed from the watch: each envelope
   * is either yielded or returned here, exactly once.
   */
  undelivered(): MessageEnvelope[];
}

/**
 * Watch an agent's inbox: an async iterator that polls {@link receiveMessages} and yields each
 * envelope once, in the order the runtime returned them. Served by the open-source runtime.
 *
 * - A poll that returns messages is followed at once by the next; an empty one by a pause of
 *   `interval` (default 1,000 ms).
 * - `break` (or `return()`) ends it; so does `signal` aborting — the iterator then **returns**
 *   rather than throwing. A poll in flight when the signal aborts is let finish, never cancelled.
 * - Nothing read is ever dropped: reading consumes messages on the runtime, so after a `break`
 *   mid-batch (or an abort) the rest of the batch is in `watch.undelivered()`.
 * - A failed poll (network error, timeout, `NotFoundError` for an agent not on the bus, …) ends
 *   the iterator with that error. Polls are never retried (see `receiveMessages`).
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const watch = watchMessages(ctx, agentId, { interval: 500, signal: controller.signal });
 * for await (const message of watch) {
 *   console.log(`${message.sender}: ${message.payload}`);
 *   if (message.payload === 'bye') break;
 * }
 * const rest = watch.undelivered(); // read from the runtime, not yet handled
 * ```
 * @param agentId The agent whose inbox to watch.
 * @param options `interval` (default 1,000 ms) and `signal`.
 */
export function watchMessages(ctx: Context, agentId: string, options: WatchMessagesOptions = {}): MessageWatch {
  const buffer: MessageEnvelope[] = [];
  const generator = (async function* watch(): AsyncGenerator<MessageEnvelope, void, undefined> {
    checkContext('watchMessages', ctx);
    checkPollOptions('watchMessages', options);
    const { interval = 1_000, signal } = options;
    for (;;) {
      if (signal?.aborted) return;
      if (buffer.length > 0) {
        // Taken off the buffer as it is handed over: a `break` here leaves only the rest.
        yield buffer.shift()!;
        continue;
      }
      // No signal: an aborted request may already have drained the inbox on the runtime.
      const { messages } = await receiveMessages(ctx, agentId);
      buffer.push(...messages);
      if (messages.length === 0 && !(await pause(interval, signal))) return;
    }
  })();
  return Object.assign(generator, { undelivered: (): MessageEnvelope[] => buffer.splice(0) });
}
