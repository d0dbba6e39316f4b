/**
 * Credentials (secret values, Vault tokens, `secret_id`, `encryption_key`, the API key) never
 * appear in an error (message, fields, stack, inspect, JSON), a log line or a hook's request headers.
 */
import { inspect } from 'node:util';
import { APIError, createContext, ResponseValidationError, ValidationError, type ContextConfig } from '@symbiont/core';
import { catchError, errorViews, expectNoSecret, json, text, useScriptedServer } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { configureSecretBackend, getSecret, storeSecret, type SecretBackendConfig } from './index.ts';

const API_KEY = 'sk-api-key-0001';
const TOKEN = 'hvs.vault-token-0002';
const SECRET_ID = 'approle-secret-id-0003';
const ENCRYPTION_KEY = 'encryption-key-0004';
const SECRET_VALUE = 'secret-value-0005';
const CREDENTIALS = [API_KEY, TOKEN, SECRET_ID, ENCRYPTION_KEY, SECRET_VALUE];

const scripted = useScriptedServer();

const ctxFor = (config: ContextConfig = {}) => createContext({ baseUrl: `${scripted.server.url}/api/v1`, apiKey: API_KEY, maxRetries: 0, ...config });

const expectNoCredential = (texts: string[]): void => expectNoSecret(texts, CREDENTIALS);

const approle: SecretBackendConfig = { backend_type: 'vault', vault_config: { url: 'https://vault.example.com', auth_method: 'approle', role_id: 'role-1', secret_id: SECRET_ID } };
const withToken: SecretBackendConfig = { backend_type: 'vault', vault_config: { url: 'https://vault.example.com', auth_method: 'token', token: TOKEN } };
const encrypted: SecretBackendConfig = { backend_type: 'encrypted_file', file_path: '/var/secrets.enc', encryption_key: ENCRYPTION_KEY };

describe('an error response echoing the request', () => {
  it.each([
    ['configureSecretBackend (token)', () => configureSecretBackend(ctxFor(), withToken), TOKEN],
    ['configureSecretBackend (approle)', () => configureSecretBackend(ctxFor(), approle), SECRET_ID],
    ['configureSecretBackend (encrypted_file)', () => configureSecretBackend(ctxFor(), encrypted), ENCRYPTION_KEY],
    ['storeSecret', () => storeSecret(ctxFor(), { agent_id: 'a', secret_name: 'n', secret_value: SECRET_VALUE }), SECRET_VALUE],
  ])('%s: 400 and 500 errors carry no credential', async (_, run, credential) => {
    for (const status of [400, 500]) {
      scripted.server.handle((req, res) => json(res, status, {
        error: `cannot use ${req.text} with ${String(req.headers.authorization)}`,
        code: 'BAD',
        details: { received: req.body, authorization: req.headers.authorization },
      }));
      const error = await catchError(run());
      expect(error).toBeInstanceOf(APIError);
      expect(error.status).toBe(status);
      // The server did receive the credential: the redaction is what hides it.
      expect(scripted.server.requests.at(-1)!.text).toContain(credential);
      expect(error.message).toContain('[REDACTED]');
      expect(error.details.received).toBeTypeOf('object');
      expectNoCredential(errorViews(error));
    }
  });

  it('a non-JSON error body echoing the secret value is redacted too', async () => {
    scripted.server.handle((req, res) => text(res, 502, `upstream rejected ${req.text}`));
    const error = await catchError(storeSecret(ctxFor(), { agent_id: 'a', secret_name: 'n', secret_value: SECRET_VALUE }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.responseText).toContain('[REDACTED]');
    expectNoCredential(errorViews(error));
  });
});

describe('validation errors', () => {
  it.each<[string, unknown]>([
    ['a wrong-typed token', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token', token: [TOKEN] } }],
    ['a token under an unknown key', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token', token: TOKEN, tokn: TOKEN } }],
    ['a secret_id with a missing role_id', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle', secret_id: SECRET_ID } }],
    ['an encryption_key without file_path', { backend_type: 'encrypted_file', encryption_key: ENCRYPTION_KEY }],
    ['a credential in place of the config', TOKEN],
    ['a wrong-typed backend_type', { backend_type: TOKEN }],
  ])('configureSecretBackend with %s names no credential', async (_, config) => {
    const error = await catchError(configureSecretBackend(ctxFor(), config as SecretBackendConfig));
    expect(error).toBeInstanceOf(ValidationError);
    expectNoCredential(errorViews(error));
    expect(scripted.server.requests).toHaveLength(0);
  });

  it('storeSecret with a bad field names no secret value', async () => {
    const error = await catchError(storeSecret(ctxFor(), { agent_id: 7, secret_name: SECRET_VALUE, secret_value: { nested: SECRET_VALUE } } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(['agent_id', 'secret_value']);
    expectNoCredential(errorViews(error));
    expect(scripted.server.requests).toHaveLength(0);
  });
});

describe('logs and hooks', () => {
  it('debug log lines carry no credential, and hooks see no Authorization header', async () => {
    const lines: string[] = [];
    const seen: Request[] = [];
    let failures = 1;
    scripted.server.handle((req, res) => {
      // A proxy's 503 (no runtime `code`): retried, unlike the runtime's own `{ error, code }`.
      if (req.url.endsWith('/secrets/config') && failures-- > 0) return json(res, 503, { error: `busy: ${req.text}` });
      if (req.url.endsWith('/secrets/config')) return json(res, 200, { status: 'configured', echo: req.body });
      if (req.method === 'POST') return json(res, 200, { agent_id: 'a', secret_name: 'n', created_at: '2024-01-01T00:00:00Z', echo: req.body });
      return json(res, 200, { value: SECRET_VALUE });
    });
    const ctx = ctxFor({
      debug: true,
      logger: (line) => lines.push(line),
      hooks: { beforeRequest: (request) => { seen.push(request); }, beforeRetry: ({ error }) => { lines.push(inspect(error, { depth: 20 })); } },
    });
    await configureSecretBackend(ctx, withToken, { retry: true, maxRetries: 1 });
    await storeSecret(ctx, { agent_id: 'a', secret_name: 'n', secret_value: SECRET_VALUE });
    expect(await getSecret(ctx, 'a', 'n')).toBe(SECRET_VALUE);

    expect(scripted.server.requests.map((req) => req.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`, `Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
    // One line per attempt (four) and one final line per call (three), the retry counted.
    expect(lines.some((line) => line.includes('attempt 2 -> 200'))).toBe(true);
    expect(lines.some((line) => line.includes('-> 200 after 1 retries'))).toBe(true);
    expect(lines.filter((line) => line.includes('->'))).toHaveLength(7);
    // The retried error echoed the request body: it reached the log, redacted.
    expect(lines.join('\n')).toContain('"token":"[REDACTED]"');
    expectNoCredential(lines);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const request of seen) expect(request.headers.has('authorization')).toBe(false);
  });
});

describe('getSecret responses', () => {
  it('resolves to the value string, ignoring other fields', async () => {
    scripted.server.handle((_, res) => json(res, 200, { value: SECRET_VALUE, agent_id: 'a', secret_name: 'n', version: 3 }));
    expect(await getSecret(ctxFor(), 'a', 'n')).toBe(SECRET_VALUE);
    expect(scripted.server.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/secrets/a/n' });
  });

  it('a body without a string value is a ResponseValidationError naming the field', async () => {
    scripted.server.handle((_, res) => json(res, 200, { secret: 'elsewhere' }));
    const error = await catchError(getSecret(ctxFor(), 'a', 'n'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0].path).toBe('response.value');
  });
});
