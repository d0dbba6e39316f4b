/**
 * Inter-agent messaging (contract: "Inter-agent messaging"), as the open-source runtime v1.19's
 * default message bus answers it:
 * - every agent the mock knows (`state.agents`) is on the bus and has an inbox; any other id is not
 *   (receiving for it: 404 `AGENT_NOT_FOUND`). This is the bus as an application embedding the
 *   runtime sets it up (`runtime.communication.register_agent(id)`): v1.19's own server never
 *   registers an agent on its bus, so there every receive is 404 and every direct message `failed`;
 * - a direct message to an agent on the bus is queued in its inbox and its status is `delivered`
 *   (the runtime's bus marks a message delivered once it is queued, not once it is read); to a
 *   UUID not on the bus it is accepted (`pending`) but its status is `failed`;
 * - `receiveMessages` drains the inbox (consumed on read); the status stays `delivered`;
 * - a message left unread past its `ttl_seconds` (the request's, default 300, capped at the
 *   configured TTL of 3,600 s and at least 1) leaves the inbox and its status becomes `failed`, as
 *   the runtime's bus marks expired messages. (The runtime sweeps by its configured TTL once a
 *   minute; the mock applies each message's own TTL when it is next asked, so tests can see it.)
 *   Statuses are forgotten two configured TTLs after sending (then 404);
 * - a message with a `topic` is published: the runtime delivers copies only to the topic's
 *   subscribers, and no route subscribes an agent, so it reaches no inbox and its id has no status;
 * - the body limit is 256 KiB (413 `text/plain`); a sender that is not a UUID or a body of the wrong
 *   shape is 422 `text/plain`, a non-JSON content type 415; a non-UUID agent id in the path is 400
 *   `text/plain`; status of a non-UUID id is 400 `INVALID_MESSAGE_ID`, of an unknown one 404
 *   `MESSAGE_STATUS_FAILED` (both JSON).
 * Its state lives here, keyed by the server's `State`.
 */
import { HttpError, json } from '../responses.ts';
import type { Route, RouteRequest, RouteResponse } from '../routes.ts';
import { canonicalUuid } from '../server.ts';
import { newId, type State } from '../state.ts';

/** The runtime's body limit on the messaging routes (`DefaultBodyLimit`, 256 KiB). */
export const MESSAGE_BODY_LIMIT = 256 * 1024;
/** The runtime's configured message TTL (its default, 1 h): caps `ttl_seconds`. */
export const CONFIGURED_TTL_SECONDS = 3_600;
/** The runtime's hard cap on a message's TTL (24 h). */
const MAX_TTL_SECONDS = 24 * 3_600;
const DEFAULT_TTL_SECONDS = 300;

/** A message as `GET /agents/{agent_id}/messages` returns it. */
export interface Envelope {
  message_id: string;
  sender: string;
  recipient: string | null;
  topic: string | null;
  payload: string;
  message_type: string;
  timestamp_secs: number;
  ttl_seconds: number;
}

interface Queued {
  readonly envelope: Envelope;
  /** ms since the epoch after which it expires unread. */
  readonly expiresAt: number;
}

interface Tracked {
  status: 'pending' | 'delivered' | 'failed' | 'expired';
  /** ms since the epoch after which the status is forgotten. */
  readonly forgetAt: number;
}

/** The message bus of one server. */
interface Bus {
  /** Inboxes by agent id, created on first use for agents the mock knows. */
  readonly inboxes: Map<string, Queued[]>;
  /** Delivery status by message id. */
  readonly tracker: Map<string, Tracked>;
}

const buses = new WeakMap<State, Bus>();

function busOf(state: State): Bus {
  let bus = buses.get(state);
  if (bus === undefined) {
    bus = { inboxes: new Map(), tracker: new Map() };
    buses.set(state, bus);
  }
  return bus;
}

/** Removes expired messages from inboxes (status `failed`) and forgets old statuses. */
function sweep(bus: Bus, now: number): void {
  for (const [agentId, inbox] of bus.inboxes) {
    const kept = inbox.filter((queued) => {
      if (queued.expiresAt > now) return true;
      const tracked = bus.tracker.get(queued.envelope.message_id);
      if (tracked !== undefined) tracked.status = 'failed';
      return false;
    });
    bus.inboxes.set(agentId, kept);
  }
  for (const [id, tracked] of bus.tracker) if (tracked.forgetAt <= now) bus.tracker.delete(id);
}

interface SendBody {
  sender: string;
  payload: string;
  ttl_seconds?: number | null;
  topic?: string | null;
  agentpin_jwt?: string | null;
}

/**
 * The body's shape as serde reads `SendMessageRequest` (the route's `extract` has already answered
 * 415, 400 and 413 like the runtime's JSON extractor): a wrong shape is 422 `text/plain`.
 */
function readSendBody(req: RouteRequest): SendBody | RouteResponse {
  const body = req.body as Record<string, unknown> | undefined;
  const wrong = (what: string): RouteResponse => ({ status: 422, text: `Failed to deserialize the JSON body into the target type: ${what}` });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return wrong('invalid type: expected struct SendMessageRequest');
  for (const field of ['sender', 'payload']) if (body[field] === undefined) return wrong(`missing field \`${field}\``);
  if (typeof body.sender !== 'string' || canonicalUuid(body.sender) === undefined) return wrong('sender: UUID parsing failed');
  if (typeof body.payload !== 'string') return wrong('payload: invalid type: expected a string');
  const ttl = body.ttl_seconds;
  if (ttl != null && !(Number.isSafeInteger(ttl) && (ttl as number) >= 0)) return wrong('ttl_seconds: invalid value: expected u64');
  for (const field of ['topic', 'agentpin_jwt']) {
    if (body[field] != null && typeof body[field] !== 'string') return wrong(`${field}: invalid type: expected a string`);
  }
  return body as unknown as SendBody;
}

const isResponse = (value: unknown): value is RouteResponse => typeof value === 'object' && value !== null && 'status' in value;

/** Messaging routes, registered by `startMockRuntime`. */
export const messagingRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/agents/{agent_id}/messages',
    extract: { uuid: ['agent_id'], json: true, bodyLimit: MESSAGE_BODY_LIMIT },
    handler: (req, state) => {
      const recipient = req.params.agent_id!;
      const body = readSendBody(req);
      if (isResponse(body)) return body;
      const bus = busOf(state);
      const now = state.now().getTime();
      sweep(bus, now);
      const ttl = Math.min(Math.max(Math.min(body.ttl_seconds ?? DEFAULT_TTL_SECONDS, CONFIGURED_TTL_SECONDS), 1), MAX_TTL_SECONDS);
      const messageId = newId();
      // A topic message goes to the topic's subscribers; no route subscribes, so it reaches nobody.
      if (body.topic == null) {
        const envelope: Envelope = {
          message_id: messageId,
          sender: canonicalUuid(body.sender)!,
          recipient,
          topic: null,
          payload: body.payload,
          message_type: 'direct',
          timestamp_secs: Math.floor(now / 1000),
          ttl_seconds: ttl,
        };
        const onBus = state.agents.has(recipient);
        bus.tracker.set(messageId, { status: onBus ? 'delivered' : 'failed', forgetAt: now + 2 * CONFIGURED_TTL_SECONDS * 1000 });
        if (onBus) {
          const inbox = bus.inboxes.get(recipient) ?? [];
          inbox.push({ envelope, expiresAt: now + ttl * 1000 });
          bus.inboxes.set(recipient, inbox);
        }
      }
      return json({ message_id: messageId, status: 'pending' });
    },
  },
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/messages',
    extract: { uuid: ['agent_id'] },
    handler: (req, state) => {
      const agentId = req.params.agent_id!;
      const bus = busOf(state);
      sweep(bus, state.now().getTime());
      if (!state.agents.has(agentId)) {
        bus.inboxes.delete(agentId);
        throw new HttpError(404, 'AGENT_NOT_FOUND', `Communication error: Agent not registered: ${agentId}`, { details: null });
      }
      const inbox = bus.inboxes.get(agentId) ?? [];
      bus.inboxes.delete(agentId);
      return json({ messages: inbox.map((queued) => queued.envelope) });
    },
  },
  {
    method: 'GET',
    pattern: '/messages/{message_id}/status',
    handler: (req, state) => {
      const id = req.params.message_id ?? '';
      const canonical = canonicalUuid(id);
      if (canonical === undefined) {
        throw new HttpError(400, 'INVALID_MESSAGE_ID', `Communication error: Invalid message format: Invalid message ID: ${id}`, { details: null });
      }
      const bus = busOf(state);
      sweep(bus, state.now().getTime());
      const tracked = bus.tracker.get(canonical);
      if (tracked === undefined) {
        throw new HttpError(404, 'MESSAGE_STATUS_FAILED', `Communication error: Message not found: ${id}`, { details: null });
      }
      return json({ message_id: id, status: tracked.status });
    },
  },
];
