import { APIError, ConnectionError, createContext, NotFoundError, TimeoutError, ValidationError, type Context } from '@symbiont/core';
import { agentIds, catchError, json, startScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import {
  getMessageStatus,
  MAX_MESSAGE_BODY_BYTES,
  MessageStatus,
  MessageType,
  receiveMessages,
  sendMessage,
  type SendMessageRequest,
} from './index.ts';

let alice: string;
let bob: string;
const API_KEY = 'messaging-test-key';
const STRANGER = '00000000-0000-4000-8000-00000000abcd';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const runtime = useMockRuntime({
  apiKey: API_KEY,
  setup: async ({ mock }) => {
    [alice, bob] = (await agentIds(mock.url, API_KEY, 2)) as [string, string];
  },
  // Each test starts with empty inboxes and no recorded request.
  reset: async ({ ctx }) => {
    await receiveMessages(ctx, alice);
    await receiveMessages(ctx, bob);
  },
});

describe('enums', () => {
  it('are frozen objects of the wire strings', () => {
    expect(MessageStatus).toEqual({ PENDING: 'pending', DELIVERED: 'delivered', FAILED: 'failed', EXPIRED: 'expired' });
    expect(MessageType).toEqual({ DIRECT: 'direct', BROADCAST: 'broadcast', PUBLISH: 'publish', SUBSCRIBE: 'subscribe', REQUEST: 'request', RESPONSE: 'response' });
    expect(Object.isFrozen(MessageStatus) && Object.isFrozen(MessageType)).toBe(true);
  });
});

describe('sendMessage', () => {
  it('POSTs the request to the recipient\'s inbox and resolves to { message_id, status }', async () => {
    const sent = await sendMessage(runtime.ctx, bob, { sender: alice, payload: '{"task":"summarise"}' });
    expect(sent).toEqual({ message_id: expect.stringMatching(UUID), status: 'pending' });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: `/agents/${bob}/messages`, query: {}, body: { sender: alice, payload: '{"task":"summarise"}' } });
    expect(runtime.last().headers['content-type']).toBe('application/json');
  });

  it('sends the optional fields as given, null included', async () => {
    const request: SendMessageRequest = { sender: alice, payload: 'hi', ttl_seconds: 60, topic: null, agentpin_jwt: 'eyJhbGciOiJFUzI1NiJ9.e30.sig' };
    await sendMessage(runtime.ctx, bob, request);
    expect(runtime.last().body).toEqual(request);
    const { messages } = await receiveMessages(runtime.ctx, bob);
    expect(messages).toMatchObject([{ payload: 'hi', ttl_seconds: 60 }]);
  });

  it('sends a body of exactly 256 KiB (UTF-8 bytes of the JSON); the mock takes it', async () => {
    const frame = new TextEncoder().encode(JSON.stringify({ sender: alice, payload: '' })).length;
    const payload = 'ü'.repeat((MAX_MESSAGE_BODY_BYTES - frame) / 2);
    await sendMessage(runtime.ctx, bob, { sender: alice, payload });
    expect(Number(runtime.last().headers['content-length'])).toBe(MAX_MESSAGE_BODY_BYTES);
    expect((await receiveMessages(runtime.ctx, bob)).messages[0]!.payload).toBe(payload);
  });

  it('refuses a body over 256 KiB before sending, counting bytes, not characters', async () => {
    const frame = new TextEncoder().encode(JSON.stringify({ sender: alice, payload: '' })).length;
    // One byte over, in characters well under the limit.
    const payload = `${'ü'.repeat((MAX_MESSAGE_BODY_BYTES - frame) / 2)}x`;
    expect(payload.length).toBeLessThan(MAX_MESSAGE_BODY_BYTES);
    expect((await catchError(sendMessage(runtime.ctx, bob, { sender: alice, payload }))).issues).toEqual([{
      path: 'payload',
      expected: `a request body of at most ${MAX_MESSAGE_BODY_BYTES} bytes (256 KiB) as JSON (this one: ${MAX_MESSAGE_BODY_BYTES + 1} bytes)`,
      message: `payload: expected a request body of at most ${MAX_MESSAGE_BODY_BYTES} bytes (256 KiB) as JSON (this one: ${MAX_MESSAGE_BODY_BYTES + 1} bytes), received string`,
    }]);
    const error = await catchError(sendMessage(runtime.ctx, bob, { sender: alice, payload, agentpin_jwt: 'jwt-secret-value' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('sendMessage');
    expect(JSON.stringify(error) + error.message).not.toContain('üü');
    expect(JSON.stringify(error) + error.message).not.toContain('jwt-secret-value');
    expect(runtime.mock.requests).toHaveLength(0);
  });

  const refused = (request: unknown) => sendMessage(runtime.ctx, bob, request as SendMessageRequest);

  it.each<[string, unknown, string, string]>([
    ['no sender', { payload: 'x' }, 'sender', 'required field is missing'],
    ['an empty sender', { sender: '', payload: 'x' }, 'sender', 'expected non-empty string, received string'],
    ['no payload', { sender: STRANGER }, 'payload', 'required field is missing'],
    ['a payload that is not a string', { sender: STRANGER, payload: { task: 1 } }, 'payload', 'expected string, received object'],
    ['a negative ttl', { sender: STRANGER, payload: 'x', ttl_seconds: -5 }, 'ttl_seconds', 'expected a non-negative integer, received number'],
    ['a fractional ttl', { sender: STRANGER, payload: 'x', ttl_seconds: 1.5 }, 'ttl_seconds', 'expected integer, received number'],
    ['a topic that is not a string', { sender: STRANGER, payload: 'x', topic: 7 }, 'topic', 'expected string, received number'],
    ['an unknown field', { sender: STRANGER, payload: 'x', recipient: STRANGER }, 'recipient', 'unknown field'],
    ['no object at all', 'hello', '', 'expected a plain object, received string'],
  ])('refuses %s, naming the field, sending nothing', async (_, request, path, message) => {
    const error = await catchError(refused(request));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]).toMatchObject({ path, message: `${path || 'value'}: ${message}` });
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('refuses an empty recipient id', async () => {
    expect(await catchError(sendMessage(runtime.ctx, '', { sender: alice, payload: 'x' }))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('a non-UUID recipient is the runtime\'s 400 (text/plain): an APIError', async () => {
    const error = await catchError(sendMessage(runtime.ctx, 'agent-123', { sender: alice, payload: 'x' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(400);
    expect(error.responseText).toMatch(/^Invalid URL/);
  });

  it('never lets agentpin_jwt into an error, even when the server echoes the body', async () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl';
    const server = await startScriptedServer((req, res) => json(res, 401, { error: `AgentPin verification failed for ${req.text}`, code: 'AGENTPIN_VERIFICATION_FAILED', details: null }));
    try {
      const scripted = createContext({ baseUrl: server.url, maxRetries: 0 });
      const error = await catchError(sendMessage(scripted, bob, { sender: alice, payload: 'x', agentpin_jwt: jwt }));
      expect(server.requests[0]!.body).toMatchObject({ agentpin_jwt: jwt });
      expect(error).toBeInstanceOf(APIError);
      expect(error.code).toBe('AGENTPIN_VERIFICATION_FAILED');
      for (const text of [error.message, error.responseText, JSON.stringify(error), JSON.stringify(error.body)]) expect(text).not.toContain(jwt);
    } finally {
      await server.close();
    }
  });
});

describe('receiveMessages', () => {
  it('GETs the inbox and resolves to { messages }, consumed', async () => {
    const { message_id } = await sendMessage(runtime.ctx, alice, { sender: bob, payload: 'ping' });
    runtime.mock.clearRequests();
    const received = await receiveMessages(runtime.ctx, alice);
    expect(received).toEqual({
      messages: [{ message_id, sender: bob, recipient: alice, topic: null, payload: 'ping', message_type: 'direct', timestamp_secs: expect.any(Number), ttl_seconds: 300 }],
    });
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/agents/${alice}/messages`, query: {}, body: undefined });
    expect(await receiveMessages(runtime.ctx, alice)).toEqual({ messages: [] });
  });

  it('an agent not on the bus is a NotFoundError (AGENT_NOT_FOUND)', async () => {
    const error = await catchError(receiveMessages(runtime.ctx, STRANGER));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'AGENT_NOT_FOUND', details: null });
  });

  it('reads an envelope without recipient and topic as null, and keeps unknown fields and types', async () => {
    const server = await startScriptedServer((_, res) => json(res, 200, { messages: [{ message_id: 'm1', sender: 's', payload: 'p', message_type: 'gossip', timestamp_secs: 1_764_000_000, ttl_seconds: 5, hops: 2 }] }));
    try {
      const { messages } = await receiveMessages(createContext({ baseUrl: server.url }), 'a');
      expect(messages).toEqual([{ message_id: 'm1', sender: 's', recipient: null, topic: null, payload: 'p', message_type: 'gossip', timestamp_secs: 1_764_000_000, ttl_seconds: 5, hops: 2 }]);
    } finally {
      await server.close();
    }
  });

  describe('is never retried (a retried read loses the batch the failed one consumed)', () => {
    const retrying = (): Context => createContext({ baseUrl: runtime.mock.url, apiKey: API_KEY, maxRetries: 3 });
    const reads = () => runtime.mock.requests.filter((r) => r.method === 'GET' && r.path === `/agents/${bob}/messages`).length;

    it.each<[string, object]>([
      ['by default', {}],
      ['with retry: true', { retry: true }],
      ['with an idempotencyKey', { idempotencyKey: 'read-1' }],
      ['with both and maxRetries 5', { retry: true, idempotencyKey: 'read-2', maxRetries: 5 }],
    ])('a 503 %s: one request at the server', async (_, options) => {
      runtime.mock.setFault(() => ({ status: 503, body: { error: 'busy', code: 'UNAVAILABLE' } }));
      const error = await catchError(receiveMessages(retrying(), bob, options));
      expect(error).toBeInstanceOf(APIError);
      expect(error.status).toBe(503);
      expect(reads()).toBe(1);
    });

    it('a 500 without the runtime\'s JSON body (retryable elsewhere): one request', async () => {
      runtime.mock.setFault(() => ({ status: 500, rawBody: 'upstream failure', headers: { 'content-type': 'text/plain' } }));
      expect((await catchError(receiveMessages(retrying(), bob, { retry: true }))).status).toBe(500);
      expect(reads()).toBe(1);
    });

    it('a network error with retry: true and an idempotencyKey: one request', async () => {
      runtime.mock.setFault(() => ({ destroy: true }));
      const error = await catchError(receiveMessages(retrying(), bob, { retry: true, idempotencyKey: 'read-3' }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(reads()).toBe(1);
    });

    it('a per-attempt timeout with retry: true: one request', async () => {
      runtime.mock.setFault(() => ({ delayMs: 2_000 }));
      const error = await catchError(receiveMessages(retrying(), bob, { retry: true, timeout: 100 }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(reads()).toBe(1);
    });
  });
});

describe('getMessageStatus', () => {
  it('GETs /messages/{id}/status: delivered once queued, failed for an agent not on the bus', async () => {
    const { message_id } = await sendMessage(runtime.ctx, bob, { sender: alice, payload: 'x' });
    expect(await getMessageStatus(runtime.ctx, message_id)).toEqual({ message_id, status: MessageStatus.DELIVERED });
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/messages/${message_id}/status`, query: {} });
    await receiveMessages(runtime.ctx, bob);
    expect((await getMessageStatus(runtime.ctx, message_id)).status).toBe('delivered');
    const lost = await sendMessage(runtime.ctx, STRANGER, { sender: alice, payload: 'x' });
    expect((await getMessageStatus(runtime.ctx, lost.message_id)).status).toBe(MessageStatus.FAILED);
  });

  it('a non-UUID id is an APIError 400 INVALID_MESSAGE_ID', async () => {
    const error = await catchError(getMessageStatus(runtime.ctx, 'not-a-uuid'));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_MESSAGE_ID', details: null });
  });

  it('an unknown id is a NotFoundError MESSAGE_STATUS_FAILED', async () => {
    const error = await catchError(getMessageStatus(runtime.ctx, STRANGER));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'MESSAGE_STATUS_FAILED' });
  });

  it('refuses an empty or dot id before sending', async () => {
    for (const id of ['', '.', '..']) expect(await catchError(getMessageStatus(runtime.ctx, id))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});
