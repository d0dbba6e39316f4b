/**
 * Signing: `X-Hub-Signature-256: sha256=<hex>` is HMAC-SHA256 of the exact bytes sent, checked at
 * the server with node:crypto (independently of the SDK's WebCrypto code); and the signing secret
 * never shows in an error, a log line or a hook argument, even when a server echoes it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { APIError, AuthenticationError, createContext, type ContextConfig } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';
import { catchError, echoForms, errorViews, expectNoSecret, json, useScriptedServer, type Recorded } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { invokeWebhook } from './index.ts';
import { secretForms } from './sign.ts';

const RESULT = {
  status: 'completed', agent_id: 'a', response: 'ok', tool_runs: [], termination_reason: 'Completed',
  iterations: 1, model: 'm', provider: 'p', latency_ms: 1, timestamp: '2026-01-01T00:00:00Z',
};

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/webhook`, apiKey: 'listener-token', maxRetries: 0, ...config });

/** What a listener with the `github` preset checks, written here with node:crypto. */
function verifies(request: Recorded, secret: string): boolean {
  const header = request.headers['x-hub-signature-256'];
  if (typeof header != 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(request.text, 'utf8')).digest();
  return given.length == expected.length && timingSafeEqual(given, expected);
}

describe('the signature', () => {
  it.each([
    ['ASCII', 'whsec_0123456789abcdef', { prompt: 'Deploy the fix', issue: 7 }],
    ['non-ASCII and astral characters, in secret and payload', 'sécret-🔑-ключ', { prompt: 'Résumé ✓ 🚀', nested: { list: [1, 'ü', null, true] } }],
  ])('%s: HMAC-SHA256 of the exact bytes received', async (_, secret, payload) => {
    scripted.server.handle((_, res) => json(res, 200, RESULT));
    await invokeWebhook(ctxFor(), payload, { signingSecret: secret });
    const [request] = scripted.server.requests;
    expect(request!.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifies(request!, secret)).toBe(true);
    expect(verifies(request!, `${secret}x`)).toBe(false);
    // Sent as given: the caller's key order, nothing added.
    expect(request!.text).toBe(JSON.stringify(payload));
  });

  it('signs what JSON.stringify sends for a Date and an undefined field', async () => {
    scripted.server.handle((_, res) => json(res, 200, RESULT));
    const payload = { z: 1, a: new Date('2026-02-03T04:05:06.789Z'), gone: undefined, prompt: 'p' };
    await invokeWebhook(ctxFor(), payload, { signingSecret: 'secret-1' });
    expect(scripted.server.requests[0]!.text).toBe('{"z":1,"a":"2026-02-03T04:05:06.789Z","prompt":"p"}');
    expect(verifies(scripted.server.requests[0]!, 'secret-1')).toBe(true);
  });

  it('replaces a signature header the caller set by hand; other headers stay', async () => {
    scripted.server.handle((_, res) => json(res, 200, RESULT));
    await invokeWebhook(ctxFor(), { prompt: 'p' }, { signingSecret: 'secret-2', headers: { 'X-Hub-Signature-256': 'sha256=00', 'X-Source': 'stripe' } });
    expect(verifies(scripted.server.requests[0]!, 'secret-2')).toBe(true);
    expect(scripted.server.requests[0]!.headers['x-source']).toBe('stripe');
  });

  it('the mock listener with webhookSecret: accepts the right secret, 401 for a wrong or missing one', async () => {
    const mock = await startMockRuntime({ apiKey: 'k', webhookSecret: 'mock-webhook-secret' });
    try {
      const ctx = createContext({ baseUrl: mock.webhookUrl, apiKey: 'k' });
      expect((await invokeWebhook(ctx, { prompt: 'hi' }, { signingSecret: 'mock-webhook-secret', route: 'triage' })).status).toBe('completed');
      for (const signingSecret of ['wrong-secret', undefined]) {
        const error = await catchError(invokeWebhook(ctx, { prompt: 'hi' }, { signingSecret }));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error.responseText).toBe('');
      }
    } finally {
      await mock.close();
    }
  });
});

describe('the signing secret is a credential', () => {
  // Characters JSON escapes (`"`, `\`, `/`), a control character, non-ASCII and an astral one.
  const SECRET = 'wh/"sec\\ret\t-é-🔑-0042';
  const API_KEY = 'listener-token';

  const expectNoCredential = (texts: string[]): void => expectNoSecret(texts, [SECRET, API_KEY]);

  it('each echo form is one the kernel is told to cut', () => {
    const forms = secretForms(SECRET);
    for (const form of echoForms(SECRET)) expect(forms).toContain(form);
    expect(secretForms('plain-secret')).toEqual(['plain-secret']);
  });

  const echoing = (status: number, headers: Record<string, string> = {}) => scripted.server.handle((_, res) => {
    const forms = echoForms(SECRET);
    const body = `{"error":"bad signature for ${forms[1]} (escaped ${forms[2]}, ascii ${forms[3]} ${forms[4]}, url ${forms[5]})","timestamp":"2026-01-01T00:00:00Z","echo":${JSON.stringify({ secret: SECRET })}}`;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });

  it.each([400, 401, 500, 502])('an error %i whose body echoes the secret in every form shows none of them', async (status) => {
    echoing(status);
    const error = await catchError(invokeWebhook(ctxFor(), { prompt: 'p' }, { signingSecret: SECRET }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    // Redaction kept the JSON intact: the body still parses, with the secret cut out.
    expect(error.body.error).toContain('[REDACTED]');
    expect(error.body.echo.secret).toBe('[REDACTED]');
    expectNoCredential(errorViews(error));
  });

  // KNOWN KERNEL GAP (not this package's code): the kernel copies response headers into
  // `APIError.headers` unredacted (packages/core/src/kernel/send.ts), though the contract says
  // "response headers are cut the same way". This test documents it; when the kernel redacts
  // headers it starts failing: turn `it.fails` into `it`.
  it('an error whose response headers echo the secret shows none of it', async () => {
    echoing(400, { 'x-debug-secret': echoForms(SECRET)[5]!, 'x-echo': echoForms(SECRET)[3]! });
    const error = await catchError(invokeWebhook(ctxFor(), { prompt: 'p' }, { signingSecret: SECRET }));
    expect(error).toBeInstanceOf(APIError);
    expectNoCredential(errorViews(error));
  });

  it('a 200 text/plain echo (not JSON: a ResponseValidationError) shows none of it', async () => {
    scripted.server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`signed with ${SECRET}`);
    });
    const invalid = await catchError(invokeWebhook(ctxFor(), { prompt: 'p' }, { signingSecret: SECRET }));
    expect(invalid.responseText).toContain('[REDACTED]');
    expectNoCredential(errorViews(invalid));
  });

  it('debug log lines and hook arguments never carry it, across a retry', async () => {
    let failures = 1;
    scripted.server.handle((req, res) => {
      if (failures-- > 0) return json(res, 503, { error: `busy; you signed with ${SECRET}`, timestamp: '2026-01-01T00:00:00Z', echo: SECRET });
      return json(res, 200, { ...RESULT, note: 'fine' });
    });
    const lines: string[] = [];
    const hookArguments: string[] = [];
    const ctx = ctxFor({
      debug: true,
      maxRetries: 1,
      logger: (line) => lines.push(line),
      hooks: {
        beforeRequest: async (request, info) => {
          hookArguments.push(inspect(request, { depth: 10 }), JSON.stringify([...request.headers]), await request.clone().text(), JSON.stringify(info));
        },
        beforeRetry: ({ request, error, retryCount }) => {
          hookArguments.push(inspect(error, { depth: 20 }), ...errorViews(error), JSON.stringify([...request.headers]), String(retryCount));
        },
      },
    });
    const result = await invokeWebhook(ctx, { prompt: 'p' }, { signingSecret: SECRET, retry: true });
    expect(result.status).toBe('completed');
    expect(scripted.server.requests).toHaveLength(2);
    expect(lines.some((line) => line.includes('attempt 2 -> 200'))).toBe(true);
    expect(lines.some((line) => line.includes('after 1 retries'))).toBe(true);
    // The retried error really carried the echo: it reached the hook, redacted.
    expect(hookArguments.join('\n')).toContain('[REDACTED]');
    expectNoCredential(lines);
    expectNoCredential(hookArguments);
    // The signature (a digest, not the secret) is what the hooks saw.
    expect(hookArguments.join('\n')).toContain('x-hub-signature-256');
  });

  it('a validation error never names the secret', async () => {
    const error = await catchError(invokeWebhook(ctxFor(), { prompt: 'p', system_prompt: SECRET.repeat(1000) }, { signingSecret: SECRET }));
    expect(error.name).toBe('ValidationError');
    expectNoCredential(errorViews(error));
    expect(scripted.server.requests).toHaveLength(0);
  });
});
