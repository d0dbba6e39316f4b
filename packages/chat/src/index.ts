/**
 * `@symbiont/chat`: the coordinator chat over WebSocket (`/ws/chat`). Served by the open-source
 * runtime when it has an LLM provider configured.
 *
 * The API key travels as the socket URL's `?token=` (browsers cannot set headers on a
 * WebSocket): it never appears in an error, a log line or a session's `inspect` output.
 *
 * @packageDocumentation
 */
export { connectChat, type ConnectChatOptions } from './connectChat.ts';
export type { ChatSession, SendOptions } from './session.ts';
export { ChatError } from './ChatError.ts';
export {
  ChatDecision,
  ChatErrorCode,
  type ChatChunk,
  type ChatErrorFrame,
  type ChatEvent,
  type ChatSend,
  type ClientFrame,
  type Ping,
  type PolicyDecision,
  type Pong,
  type ServerFrame,
  type ToolCallResult,
  type ToolCallStarted,
} from './models.ts';
