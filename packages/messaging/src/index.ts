/**
 * `@symbiont/messaging`: inter-agent messaging through the runtime's message bus — send, receive,
 * delivery status and a polling watch. Served by the open-source runtime.
 *
 * `receiveMessages` is a destructive read and is never retried; `agentpin_jwt` is a credential and
 * never appears in an error or a log line.
 *
 * @packageDocumentation
 */
export { sendMessage } from './sendMessage.ts';
export { receiveMessages } from './receiveMessages.ts';
export { getMessageStatus } from './getMessageStatus.ts';
export { watchMessages, type MessageWatch, type WatchMessagesOptions } from './watchMessages.ts';
export {
  MAX_MESSAGE_BODY_BYTES,
  MessageStatus,
  MessageType,
  type MessageEnvelope,
  type MessageStatusResponse,
  type ReceiveMessagesResponse,
  type SendMessageRequest,
  type SendMessageResponse,
} from './models.ts';
