/**
 * Every string value of a channel's `config`, at any depth, is a credential: it never appears in
 * an error (message, fields, body, responseText, details, cause, inspect, JSON), a log line or a
 * hook argument, even when the server echoes the request, raw or JSON-escaped.
 */
import { inspect } from 'node:util';
import { APIError, createContext, ResponseValidationError, ValidationError, type ContextConfig } from '@symbiont/core';
import { catchError, errorViews, expectNoSecret, json, text, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { getChannel, registerChannel, updateChannel, type RegisterChannelRequest } from './index.ts';

const API_KEY = 'sk-api-key-channels-01';
const BOT_TOKEN = 'xoxb-1111-2222-abcdef';
// Characters a JSON echo escapes (`"`, `\`, `/` as `\/` by some servers), non-ASCII and an astral character.
const SIGNING_SECRET = 'sign/"quoted"\\back-3333';
const WEBHOOK_URL = 'https://hooks.example.com/services/T000/B000/XXXX';
const CLIENT_SECRET = 'client-sëcret-😀-4444';
const ARRAY_SECRET = 'array-secret-5555';
const CONFIG_SECRETS = [BOT_TOKEN, SIGNING_SECRET, WEBHOOK_URL, CLIENT_SECRET, ARRAY_SECRET];
const CREDENTIALS = [API_KEY, ...CONFIG_SECRETS];

const config = {
  bot_token: BOT_TOKEN,
  signing_secret: SIGNING_SECRET,
  webhook_url: WEBHOOK_URL,
  oauth: { client_id: 'public-client-id', client_secret: CLIENT_SECRET, scopes: [ARRAY_SECRET] },
  port: 3000,
  enabled: true,
};
const request: RegisterChannelRequest = { name: 'ops-slack', platform: 'slack', config };

const scripted = useScriptedServer();

const ctxFor = (extra: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1`, apiKey: API_KEY, maxRetries: 0, ...extra });

const expectNoCredential = (texts: string[]): void => expectNoSecret(texts, CREDENTIALS);

const operations = [
  ['registerChannel', () => registerChannel(ctxFor(), request)],
  ['updateChannel', () => updateChannel(ctxFor(), 'c1', { config })],
] as const;

describe('an error response echoing the request', () => {
  it.each(operations)('%s: 400 and 500 bodies echoing the config, raw and JSON-escaped, carry no config value', async (_, run) => {
    for (const status of [400, 500]) {
      scripted.server.handle((req, res) => json(res, status, {
        error: `cannot use ${req.text} (escaped: ${JSON.stringify(req.text)}; ascii: ${JSON.stringify(req.text).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)})`,
        code: 'REGISTER_CHANNEL_FAILED',
        details: { received: req.body, raw: req.text, slashes: req.text.replace(/\//g, '\\/'), encoded: encodeURIComponent(req.text) },
      }));
      const error = await catchError(run());
      expect(error).toBeInstanceOf(APIError);
      expect(error.status).toBe(status);
      // The server did receive every config value: the redaction is what hides them.
      for (const secret of CONFIG_SECRETS) expect(scripted.server.requests.at(-1)!.text).toContain(JSON.stringify(secret).slice(1, -1));
      expect(error.message).toContain('[REDACTED]');
      // What is not a credential survives (every string of the config is one, `client_id` too).
      expect(error.responseText).toContain('port');
      expect(error.responseText).not.toContain('public-client-id');
      expect(error.code).toBe('REGISTER_CHANNEL_FAILED');
      expectNoCredential(errorViews(error));
    }
  });

  it.each(operations)('%s: a text/plain error echoing the body carries no config value', async (_, run) => {
    scripted.server.handle((req, res) => text(res, 502, `upstream rejected ${req.text}`));
    const error = await catchError(run());
    expect(error).toBeInstanceOf(APIError);
    expect(error.responseText).toContain('[REDACTED]');
    expectNoCredential(errorViews(error));
  });

  it('a response header echoing a config value is cut too', async () => {
    scripted.server.handle((_, res) => json(res, 500, { error: 'no', code: 'X' }, { 'x-echo': BOT_TOKEN }));
    const error = await catchError(registerChannel(ctxFor(), request));
    expect(error).toBeInstanceOf(APIError);
    expectNoCredential(errorViews(error));
    expectNoCredential([JSON.stringify(error.headers)]);
  });
});

describe('validation errors', () => {
  it.each<[string, unknown]>([
    ['an unknown platform', { ...request, platform: 'irc' }],
    ['a config that is not an object', { ...request, config: BOT_TOKEN }],
    ['a config holding a value JSON cannot carry', { ...request, config: { ...config, bad: Number.NaN } }],
    ['an unknown field next to the config', { ...request, token: BOT_TOKEN }],
  ])('registerChannel with %s names no config value and sends nothing', async (_, body) => {
    const error = await catchError(registerChannel(ctxFor(), body as RegisterChannelRequest));
    expect(error).toBeInstanceOf(ValidationError);
    expectNoCredential(errorViews(error));
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('logs and hooks', () => {
  it('debug log lines and retry hooks carry no config value; hooks see no Authorization header', async () => {
    const lines: string[] = [];
    const seen: Request[] = [];
    let failures = 1;
    scripted.server.handle((req, res) => {
      if (failures-- > 0) {
        // Not the runtime's JSON error body, so the 503 is retried (with `retry: true`).
        return text(res, 503, `busy: ${req.text}`);
      }
      return json(res, 201, { id: 'c1', name: 'ops-slack', platform: 'slack', status: 'stopped' });
    });
    const ctx = ctxFor({
      debug: true,
      logger: (line) => lines.push(line),
      hooks: { beforeRequest: (req) => { seen.push(req); }, beforeRetry: ({ error }) => { lines.push(inspect(error, { depth: 20 })); } },
    });
    expect(await registerChannel(ctx, request, { retry: true, maxRetries: 1 })).toMatchObject({ id: 'c1' });
    expect(scripted.server.requests).toHaveLength(2);
    expect(lines.join('\n')).toContain('[REDACTED]');
    expectNoCredential(lines);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    for (const req of seen) expect(req.headers.has('authorization')).toBe(false);
  });
});

describe('answers that carry the config', () => {
  it.each([
    ['getChannel', () => getChannel(ctxFor(), 'c1')],
    ['updateChannel', () => updateChannel(ctxFor(), 'c1', {})],
  ] as const)('%s: a detail that does not fit is a ResponseValidationError with no part of the body', async (_, run) => {
    // `created_at` missing: the body (with the config's tokens) must not reach the error.
    scripted.server.handle((_req, res) => json(res, 200, { id: 'c1', name: 'ops-slack', platform: 'slack', status: 'running', config, updated_at: '2026-11-29T00:00:00Z' }));
    const error = await catchError(run());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain('response.created_at');
    expect(error.responseText).toBe('');
    expectNoCredential(errorViews(error));
  });
});
