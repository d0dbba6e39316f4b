import * as v from 'valibot';
import { ConnectionError, ResponseValidationError, ValidationError } from '@symbiont/core';
import { toIssues } from '@symbiont/core/kernel';
import { ChatError } from './ChatError.ts';
import { type ChatEvent, FRAME_SCHEMAS, FRAME_TYPES, type ServerFrame } from './models.ts';

/** The part of a WebSocket the session uses: the standard one, or a Worker's `response.webSocket`. */
export interface ChatSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: any) => void): void;
  readonly readyState: number;
}

/** Options of {@link ChatSession.send}. */
export interface SendOptions {
  /**
   * Stop waiting for this answer: the iterator rejects with the signal's reason. The runtime still
   * answers the message (it cannot be cancelled); the session reads that answer and drops it, so
   * later sends stay in step.
   */
  signal?: AbortSignal | undefined;
}

/** One send's answer, in the order of sends. */
interface Pending {
  /** The runtime's id, known from the answer's first frame. */
  id: string | null;
  /** The final chunk arrived: waiting to learn that no `LOOP_ERROR` follows. */
  chunked: boolean;
  events: ChatEvent[];
  /** Set when the answer is over: `true` for a normal end, else the error to throw. */
  outcome?: true | { error: unknown };
  /** The consumer left (`break`, `return()`, its signal): frames are still routed, not kept. */
  dropped: boolean;
  wake?: (() => void) | undefined;
  /** Removes the send's abort listener. */
  off?: (() => void) | undefined;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
/** How many ended answers' ids a session remembers to recognise their late frames. */
const ENDED_KEPT = 16;

/**
 * An open coordinator chat socket, from {@link connectChat}. Send messages with {@link send} and
 * read each answer with `for await`; {@link close} when done. Served by the open-source runtime
 * when it has an LLM provider configured.
 *
 * Its `inspect` and `JSON.stringify` output shows the URL without the token.
 *
 * @example
 * ```ts
 * const chat = await connectChat(ctx);
 * const first = chat.send('List the agents');   // sent now
 * const second = chat.send('Which one is busiest?'); // answered after the first
 * for await (const event of first) console.log(event);
 * for await (const event of second) console.log(event);
 * await chat.close();
 * ```
 */
export class ChatSession {
  /** The socket's URL without its `?token=`, e.g. `ws://localhost:8080/ws/chat`. */
  readonly url: string;
  readonly #socket: ChatSocket;
  readonly #pending: Pending[] = [];
  /**
   * Ids of answers that have ended, newest last (a few are enough): a late frame of one of them —
   * a `LOOP_ERROR` that a heartbeat `Pong` overtook — is dropped, never bound to the next send.
   */
  readonly #finished: string[] = [];
  readonly #redact: (text: string) => string;
  readonly #log: ((line: string) => void) | undefined;
  readonly #validate: boolean;
  #ended: { error: unknown } | undefined;
  #closed: Promise<void>;
  #sends = 0;

  /** @internal Made by {@link connectChat}. */
  constructor(
    socket: ChatSocket,
    url: string,
    redact: (text: string) => string,
    settings: { log?: ((line: string) => void) | undefined; validateResponses: boolean; signal?: AbortSignal | undefined },
  ) {
    this.#socket = socket;
    this.url = url;
    this.#redact = redact;
    this.#log = settings.log;
    this.#validate = settings.validateResponses;
    const signal = settings.signal;
    const onAbort = (): void => {
      this.#end(signal?.reason);
      this.#shut();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#closed = new Promise<void>((resolve) => {
      socket.addEventListener('close', (event: { code?: number }) => {
        signal?.removeEventListener('abort', onAbort);
        this.#end(new ConnectionError(`the chat socket ${url} closed${event.code ? ` (code ${event.code})` : ''} before the answer ended`));
        resolve();
      });
    });
    socket.addEventListener('error', () => {
      this.#end(new ConnectionError(`the chat socket ${url} failed`));
    });
    socket.addEventListener('message', (event: { data: unknown }) => {
      if (typeof event.data == 'string') this.#onFrame(event.data);
    });
  }

  /** Whether the socket is open: `close()`, the connect signal or a dropped connection end it. */
  get isOpen(): boolean {
    return this.#ended === undefined;
  }

  /**
   * Send a message; returns an async iterator of its answer's events (`ToolCallStarted`,
   * `ToolCallResult`, `PolicyDecision`, `ChatChunk`), as on the wire, never `Pong`. Answers are
   * bound to sends in the order the sends were made, so several sends in a row each get their own.
   *
   * The iterator ends after the final chunk (`done: true`) once no `LOOP_ERROR` can follow (the
   * session sends a `Ping` and ends at its `Pong`, or at the next message's first event), and
   * throws a {@link ChatError} if one does. A socket that closes first makes it throw a
   * `ConnectionError`; bad `content` (not a well-formed string) throws a `ValidationError`, sending nothing.
   * Served by the open-source runtime when it has an LLM provider configured.
   *
   * @example
   * ```ts
   * for await (const event of chat.send('Which agents are running?')) {
   *   if (event.type === 'ChatChunk' && event.done) console.log(event.content);
   * }
   * ```
   */
  send(content: string, options: SendOptions = {}): AsyncIterableIterator<ChatEvent> {
    const pending: Pending = { id: null, chunked: false, events: [], dropped: false };
    const fail = (error: unknown): void => {
      pending.outcome = { error };
      pending.dropped = true;
    };
    const signal = options?.signal;
    let wellFormed = typeof content == 'string';
    try {
      if (wellFormed) encodeURIComponent(content); // throws on a lone surrogate, which the runtime cannot read
    } catch {
      wellFormed = false;
    }
    const kind = (value: unknown): string => (value === null ? 'null' : typeof value);
    if (!wellFormed) {
      fail(new ValidationError('send', [{ path: 'content', expected: 'a well-formed string', message: `content: expected a well-formed string, received ${kind(content)}` }]));
    } else if (signal !== undefined && typeof signal?.aborted != 'boolean') {
      fail(new ValidationError('send', [{ path: 'options.signal', expected: 'an AbortSignal', message: `options.signal: expected an AbortSignal, received ${kind(signal)}` }]));
    } else if (signal?.aborted) {
      fail(signal.reason);
    } else if (this.#ended) {
      const ended = this.#ended.error;
      fail(ended instanceof ConnectionError ? new ConnectionError(`the chat session ${this.url} is closed`) : ended);
    } else {
      try {
        this.#socket.send(JSON.stringify({ type: 'ChatSend', id: `sdk-${++this.#sends}`, content }));
        this.#pending.push(pending);
        if (signal) {
          const onAbort = (): void => this.#settle(pending, { error: signal.reason }, true);
          signal.addEventListener('abort', onAbort, { once: true });
          pending.off = () => signal.removeEventListener('abort', onAbort);
        }
      } catch (error) {
        fail(new ConnectionError(`the chat socket ${this.url} could not send: ${this.#redact(String((error as Error)?.message ?? error))}`));
      }
    }

    const next = async (): Promise<IteratorResult<ChatEvent>> => {
      for (;;) {
        const event = pending.events.shift();
        if (event) return { value: event, done: false };
        const outcome = pending.outcome;
        if (outcome) {
          pending.outcome = true; // throw once, then report done
          if (outcome !== true) throw outcome.error;
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => (pending.wake = resolve));
      }
    };
    const iterator: AsyncIterableIterator<ChatEvent> = {
      next,
      return: async () => {
        pending.dropped = true;
        pending.events.length = 0;
        pending.outcome = true;
        pending.wake?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * Close the socket normally (code 1000); answers still pending end with a `ConnectionError`.
   * Resolves once the socket has closed.
   *
   * @example
   * ```ts
   * await chat.close();
   * ```
   */
  close(): Promise<void> {
    this.#end(new ConnectionError(`the chat session ${this.url} was closed before this answer ended`));
    this.#shut();
    return this.#closed;
  }

  /** The session without its token: `{ url, isOpen, pending }`. */
  toJSON(): { url: string; isOpen: boolean; pending: number } {
    return { url: this.url, isOpen: this.isOpen, pending: this.#pending.length };
  }

  /** What Node's `inspect` and `console.log` show. */
  [INSPECT](): string {
    return `ChatSession ${JSON.stringify(this.toJSON())}`;
  }

  #shut(): void {
    try {
      this.#socket.close(1000);
    } catch {
      // already closed
    }
  }

  /** The session is over: every pending answer ends with `error` (or the abort reason). */
  #end(error: unknown): void {
    if (this.#ended) return;
    this.#ended = { error };
    this.#log?.(`[symbiont] chat ${this.url} ended: ${error instanceof Error ? error.message : String(error)}`);
    for (const pending of [...this.#pending]) this.#settle(pending, { error });
  }

  /** Ends one answer, normally (`true`) or with an error, and wakes its reader. */
  #settle(pending: Pending, outcome: true | { error: unknown }, keepRouting = false): void {
    if (!keepRouting && pending.id !== null && !this.#finished.includes(pending.id)) {
      this.#finished.push(pending.id);
      if (this.#finished.length > ENDED_KEPT) this.#finished.shift();
    }
    if (!keepRouting) {
      const at = this.#pending.indexOf(pending);
      if (at !== -1) this.#pending.splice(at, 1);
      pending.off?.();
    }
    if (pending.dropped) return;
    pending.outcome = outcome;
    if (keepRouting) {
      pending.dropped = true; // its frames still arrive and must be matched, then dropped
      pending.events.length = 0;
    }
    pending.wake?.();
  }

  #onFrame(text: string): void {
    if (this.#ended) return; // frames still in flight while the socket closes
    let frame: ServerFrame;
    try {
      const data: unknown = JSON.parse(text);
      const type = (data as { type?: string } | null)?.type as ServerFrame['type'];
      if (!FRAME_TYPES.includes(type)) return; // a frame type from a later runtime
      if (this.#validate) {
        const result = v.safeParse(FRAME_SCHEMAS[type], data);
        if (!result.success) {
          throw new ResponseValidationError(`the chat socket ${this.url} sent a frame that does not fit the contract`, 101, this.#redact(text.slice(0, 1000)), toIssues(result.issues));
        }
      }
      frame = data as ServerFrame;
    } catch (error) {
      const failure = error instanceof ResponseValidationError ? error
        : new ResponseValidationError(`the chat socket ${this.url} sent a frame that is not JSON`, 101, this.#redact(text.slice(0, 1000)));
      this.#end(failure);
      this.#shut();
      return;
    }

    if (frame.type === 'Pong') {
      // A Pong answers a Ping sent after a final chunk: the runtime read it only after finishing that message.
      for (const pending of [...this.#pending]) if (pending.chunked) this.#settle(pending, true);
      return;
    }
    if (frame.type === 'Error' && frame.request_id === null) {
      // PARSE_ERROR: the runtime could not read the next frame it took, which is the oldest unanswered send.
      const pending = this.#claim();
      if (pending) this.#settle(pending, { error: new ChatError(frame.code, this.#redact(frame.message), null) });
      else this.#log?.(`[symbiont] chat ${this.url}: ${frame.code} with no message waiting`);
      return;
    }
    if (frame.request_id !== null && this.#finished.includes(frame.request_id)) {
      this.#log?.(`[symbiont] chat ${this.url}: dropped a late ${frame.type === 'Error' ? frame.code : frame.type} frame for request ${frame.request_id}, whose answer had already ended`);
      return;
    }
    const pending = this.#pending.find((p) => p.id === frame.request_id) ?? this.#claim();
    if (!pending) {
      this.#log?.(`[symbiont] chat ${this.url}: dropped a ${frame.type} frame for request ${frame.request_id}, which no send is waiting for`);
      return;
    }
    pending.id = frame.request_id;
    if (frame.type === 'Error') {
      this.#settle(pending, { error: new ChatError(frame.code, this.#redact(frame.message), frame.request_id) });
      return;
    }
    if (!pending.dropped) {
      pending.events.push(frame);
      pending.wake?.();
    }
    if (frame.type === 'ChatChunk' && frame.done && !pending.chunked) {
      pending.chunked = true;
      try {
        this.#socket.send('{"type":"Ping"}');
      } catch {
        // the socket is closing: its close event ends the answer
      }
    }
  }

  /**
   * The oldest send the runtime has not started answering, for a frame of a new request; every
   * earlier send that has its final chunk is over (the runtime moved on, so no `LOOP_ERROR` follows).
   */
  #claim(): Pending | undefined {
    const pending = this.#pending.find((p) => p.id === null);
    for (const earlier of [...this.#pending]) {
      if (earlier === pending) break;
      if (earlier.chunked) this.#settle(earlier, true);
    }
    return pending;
  }
}
