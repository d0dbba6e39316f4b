/**
 * Frames of the coordinator chat socket (`/ws/chat`), tagged by `type`, with the wire's
 * snake_case names (the runtime's `ws_types.rs`), and the valibot schemas that check what the
 * runtime sends.
 */
import * as v from 'valibot';
import { enumObject, knownString, type Schema } from '@symbiont/core/kernel';

/** What the policy gate decided for the actions of one reasoning step. */
export type ChatDecision = 'allow' | 'partial_deny';

/** The policy decisions as constants: `ChatDecision.PARTIAL_DENY === 'partial_deny'`. */
export const ChatDecision = /* @__PURE__ */ enumObject({
  ALLOW: 'allow',
  PARTIAL_DENY: 'partial_deny',
});

/** Codes of the runtime's `Error` frames. */
export type ChatErrorCode = 'PARSE_ERROR' | 'LOOP_ERROR';

/** The error codes as constants: `ChatErrorCode.LOOP_ERROR === 'LOOP_ERROR'`. */
export const ChatErrorCode = /* @__PURE__ */ enumObject({
  /** The runtime could not read a frame; its `request_id` is `null`. */
  PARSE_ERROR: 'PARSE_ERROR',
  /** The reasoning loop failed; sent right after the message's final `ChatChunk`. */
  LOOP_ERROR: 'LOOP_ERROR',
});

// ------------------------------------------------------------------------------ client → server

/** Sends a message to the coordinator. The runtime requires `id` but ignores it (it makes its own `request_id`). */
export interface ChatSend {
  type: 'ChatSend';
  id: string;
  content: string;
}

/** Keep-alive; the runtime answers `Pong` once it has finished the message it is working on. */
export interface Ping {
  type: 'Ping';
}

/** Every frame a client sends. */
export type ClientFrame = ChatSend | Ping;

// ------------------------------------------------------------------------------ server → client

/**
 * Text of the reply. The runtime v1.19 sends one chunk per message, `done: true`, with the whole
 * reply; chunks with `done: false` (parts of a streamed reply) are accepted too.
 */
export interface ChatChunk {
  type: 'ChatChunk';
  /** The runtime's id for the message this answers (never the client's `id`). */
  request_id: string;
  content: string;
  /** `true` on the last chunk of the message. */
  done: boolean;
}

/** The coordinator decided to call a tool. */
export interface ToolCallStarted {
  type: 'ToolCallStarted';
  request_id: string;
  call_id: string;
  tool_name: string;
  /** The tool's arguments as a JSON string. */
  arguments: string;
}

/** A tool call finished. Defined by the runtime but not sent by v1.19. */
export interface ToolCallResult {
  type: 'ToolCallResult';
  request_id: string;
  call_id: string;
  result: string;
  is_error: boolean;
}

/** The policy gate's verdict on a reasoning step's actions, e.g. `{ action: '2 actions', decision: 'partial_deny', reason: '1 denied' }`. */
export interface PolicyDecision {
  type: 'PolicyDecision';
  request_id: string;
  action: string;
  decision: ChatDecision | (string & {});
  reason: string;
}

/**
 * A failure: `LOOP_ERROR` (with the message's `request_id`) when the run failed, `PARSE_ERROR`
 * (with `request_id: null`) for a frame the runtime could not read. The SDK turns it into a
 * {@link ChatError}; it is never yielded.
 */
export interface ChatErrorFrame {
  type: 'Error';
  request_id: string | null;
  code: ChatErrorCode | (string & {});
  message: string;
}

/** Keep-alive from the runtime: on connect, every 30 s, and in reply to each `Ping`. Never yielded. */
export interface Pong {
  type: 'Pong';
}

/** Every frame the runtime sends. */
export type ServerFrame = ChatChunk | ToolCallStarted | ToolCallResult | PolicyDecision | ChatErrorFrame | Pong;

/** What `session.send()` yields: the message's events, as on the wire. */
export type ChatEvent = ChatChunk | ToolCallStarted | ToolCallResult | PolicyDecision;

/**
 * The schema of each server frame, by `type` (unknown fields are kept). A map looked up by the
 * frame's `type` rather than a `v.variant`: the session reads `type` first (a frame of a type it
 * does not know is ignored), so the map gives the same issues for a known type without the bytes
 * of `variant` and `literal`.
 */
export const FRAME_SCHEMAS: Readonly<Record<ServerFrame['type'], Schema<ServerFrame>>> = {
  ChatChunk: /* @__PURE__ */ v.looseObject({ type: /* @__PURE__ */ v.string(), request_id: /* @__PURE__ */ v.string(), content: /* @__PURE__ */ v.string(), done: /* @__PURE__ */ v.boolean() }) as Schema<ChatChunk>,
  ToolCallStarted: /* @__PURE__ */ v.looseObject({
    type: /* @__PURE__ */ v.string(),
    request_id: /* @__PURE__ */ v.string(),
    call_id: /* @__PURE__ */ v.string(),
    tool_name: /* @__PURE__ */ v.string(),
    arguments: /* @__PURE__ */ v.string(),
  }) as Schema<ToolCallStarted>,
  ToolCallResult: /* @__PURE__ */ v.looseObject({
    type: /* @__PURE__ */ v.string(),
    request_id: /* @__PURE__ */ v.string(),
    call_id: /* @__PURE__ */ v.string(),
    result: /* @__PURE__ */ v.string(),
    is_error: /* @__PURE__ */ v.boolean(),
  }) as Schema<ToolCallResult>,
  PolicyDecision: /* @__PURE__ */ v.looseObject({
    type: /* @__PURE__ */ v.string(),
    request_id: /* @__PURE__ */ v.string(),
    action: /* @__PURE__ */ v.string(),
    decision: /* @__PURE__ */ knownString<ChatDecision>(),
    reason: /* @__PURE__ */ v.string(),
  }) as Schema<PolicyDecision>,
  Error: /* @__PURE__ */ v.looseObject({
    type: /* @__PURE__ */ v.string(),
    request_id: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
    code: /* @__PURE__ */ knownString<ChatErrorCode>(),
    message: /* @__PURE__ */ v.string(),
  }) as Schema<ChatErrorFrame>,
  Pong: /* @__PURE__ */ v.looseObject({ type: /* @__PURE__ */ v.string() }) as Schema<Pong>,
};

/** The frame types this SDK knows; a frame of another type is ignored (forward compatible). */
export const FRAME_TYPES: readonly string[] = ['ChatChunk', 'ToolCallStarted', 'ToolCallResult', 'PolicyDecision', 'Error', 'Pong'];
