/**
 * Models of the inter-agent messaging endpoints (contract: "Inter-agent messaging"), each a
 * TypeScript type with the wire's snake_case names and the valibot schema that checks it.
 *
 * `agentpin_jwt` is a credential: no schema here puts a value into an issue (issues name the field
 * and what was expected, never what was given), and `sendMessage` declares it to the kernel.
 */
import * as v from 'valibot';
import { enumObject, int, knownString, nonEmpty, nullish, type Schema } from '@symbiont/core/kernel';

/** Where a message is in delivery. The runtime may send others: any string is accepted. */
export type MessageStatus = 'pending' | 'delivered' | 'failed' | 'expired';

/** The message statuses as constants: `MessageStatus.DELIVERED === 'delivered'`. */
export const MessageStatus = /* @__PURE__ */ enumObject({
  PENDING: 'pending',
  DELIVERED: 'delivered',
  FAILED: 'failed',
  EXPIRED: 'expired',
});

/** How a message travelled on the runtime's bus. The runtime may send others: any string is accepted. */
export type MessageType = 'direct' | 'broadcast' | 'publish' | 'subscribe' | 'request' | 'response';

/** The message types as constants: `MessageType.DIRECT === 'direct'`. */
export const MessageType = /* @__PURE__ */ enumObject({
  DIRECT: 'direct',
  BROADCAST: 'broadcast',
  PUBLISH: 'publish',
  SUBSCRIBE: 'subscribe',
  REQUEST: 'request',
  RESPONSE: 'response',
});

/** The largest request body the runtime's messaging routes accept: 256 KiB of JSON (UTF-8 bytes). */
export const MAX_MESSAGE_BODY_BYTES = 256 * 1024;

/** The body of `sendMessage`. The recipient is the path's agent id, not a field. */
export interface SendMessageRequest {
  /** The sending agent's id (a UUID on the runtime; a scoped key must be scoped to it). */
  sender: string;
  /** The message, plain text: stringify JSON yourself (`JSON.stringify(data)`). */
  payload: string;
  /** Seconds the message may wait unread. Runtime default 300; it caps it at its configured message TTL and at 24 h. */
  ttl_seconds?: number | null;
  /** Publish to this topic instead of delivering to the recipient directly. */
  topic?: string | null;
  /** AgentPin JWT proving the sender's identity (required by runtimes with AgentPin on). A credential. */
  agentpin_jwt?: string | null;
}

/** What `sendMessage` answers: the new message's id and its status (`"pending"`). */
export interface SendMessageResponse {
  message_id: string;
  status: MessageStatus | (string & {});
  [field: string]: unknown;
}

/** One message as `receiveMessages` returns it. */
export interface MessageEnvelope {
  message_id: string;
  /** The sending agent's id. */
  sender: string;
  /** The recipient agent's id; `null` for a broadcast. */
  recipient: string | null;
  /** The topic, for `publish` and `subscribe` messages; otherwise `null`. */
  topic: string | null;
  /** The message, plain text as it was sent. */
  payload: string;
  message_type: MessageType | (string & {});
  /** When the message was created, in Unix seconds (kept as a number). */
  timestamp_secs: number;
  /** Seconds the message may wait unread (after the runtime's caps). */
  ttl_seconds: number;
  [field: string]: unknown;
}

/** What `receiveMessages` answers: the agent's pending messages, now consumed. */
export interface ReceiveMessagesResponse {
  messages: MessageEnvelope[];
  [field: string]: unknown;
}

/** What `getMessageStatus` answers. */
export interface MessageStatusResponse {
  message_id: string;
  status: MessageStatus | (string & {});
  [field: string]: unknown;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

const encoder = /* @__PURE__ */ new TextEncoder();

export const SendMessageRequestSchema: Schema<SendMessageRequest> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.strictObject({
    sender: nonEmpty,
    payload: /* @__PURE__ */ v.string(),
    ttl_seconds: /* @__PURE__ */ nullish(/* @__PURE__ */ v.pipe(int, /* @__PURE__ */ v.check((seconds) => seconds >= 0, 'a non-negative integer'))),
    topic: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
    agentpin_jwt: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
  }),
  // The runtime refuses a body over 256 KiB (413): refuse it before sending. The issue is at
  // `payload` (what makes a body that large) and carries the size, never the content.
  /* @__PURE__ */ v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const size = encoder.encode(JSON.stringify(dataset.value)).length;
    if (size > MAX_MESSAGE_BODY_BYTES) {
      const input = dataset.value as Record<string, unknown>;
      addIssue({
        message: `a request body of at most ${MAX_MESSAGE_BODY_BYTES} bytes (256 KiB) as JSON (this one: ${size} bytes)`,
        input: input.payload,
        path: [{ type: 'object', origin: 'value', input, key: 'payload', value: input.payload }],
      });
    }
  }),
);

const nullableText = /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), null) as v.GenericSchema<unknown, string | null>;

export const SendMessageResponseSchema: Schema<SendMessageResponse> = /* @__PURE__ */ v.looseObject({
  message_id: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ knownString<MessageStatus>(),
});

export const MessageEnvelopeSchema: Schema<MessageEnvelope> = /* @__PURE__ */ v.looseObject({
  message_id: /* @__PURE__ */ v.string(),
  sender: /* @__PURE__ */ v.string(),
  recipient: nullableText,
  topic: nullableText,
  payload: /* @__PURE__ */ v.string(),
  message_type: /* @__PURE__ */ knownString<MessageType>(),
  timestamp_secs: int,
  ttl_seconds: int,
});

export const ReceiveMessagesResponseSchema: Schema<ReceiveMessagesResponse> = /* @__PURE__ */ v.looseObject({
  messages: /* @__PURE__ */ v.array(MessageEnvelopeSchema),
});

export const MessageStatusResponseSchema: Schema<MessageStatusResponse> = /* @__PURE__ */ v.looseObject({
  message_id: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ knownString<MessageStatus>(),
});
