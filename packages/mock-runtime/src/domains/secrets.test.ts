import { rawCall, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import { SEED_AGENTS } from '../index.ts';

const API_KEY = 'secrets-key';

const runtime = useMockRuntime({ apiKey: API_KEY });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }> {
  const answer = await rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json' } });
  return { status: answer.status, body: answer.body, text: answer.text };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const metric = async (): Promise<number> => ((await call('GET', '/metrics')).body as { secrets_count: number }).secrets_count;

const SEEDED = SEED_AGENTS.example;

describe('secrets', () => {
  it('store → get → list → replace → delete, per agent, counted in metrics', async () => {
    const created = await call('POST', '/agents', { name: 'vaulted', dsl: 'agent vaulted { }' });
    expect(created).toMatchObject({ status: 200 });
    const vaulted = (created.body as { id: string }).id;
    const before = await metric();

    const stored = await call('POST', '/secrets', { agent_id: vaulted, secret_name: 'api_key', secret_value: 's3cr3t-value', description: 'key' });
    expect(stored).toMatchObject({ status: 200, body: { secret_name: 'api_key', agent_id: vaulted, created_at: expect.stringMatching(ISO) } });
    expect(stored.body).not.toHaveProperty('updated_at');
    expect(stored.text).not.toContain('s3cr3t-value');
    expect(await metric()).toBe(before + 1);

    expect((await call('GET', `/secrets/${vaulted}/api_key`)).body).toEqual({ agent_id: vaulted, secret_name: 'api_key', value: 's3cr3t-value' });
    // Another agent does not see it.
    expect((await call('GET', `/secrets/${SEEDED}/api_key`)).status).toBe(404);

    await call('POST', '/secrets', { agent_id: vaulted, secret_name: 'db/password', secret_value: 'pw-value-1' });
    const list = await call('GET', `/secrets/${vaulted}`);
    expect(list.body).toEqual({ secrets: ['api_key', 'db/password'], agent_id: vaulted });
    expect(list.text).not.toContain('s3cr3t-value');
    expect(list.text).not.toContain('pw-value-1');
    expect((await call('GET', `/secrets/${vaulted}/db%2Fpassword`)).body).toMatchObject({ value: 'pw-value-1' });

    const replaced = await call('POST', '/secrets', { agent_id: vaulted, secret_name: 'api_key', secret_value: 'new-value' });
    expect(replaced.body).toEqual({
      secret_name: 'api_key',
      agent_id: vaulted,
      created_at: (stored.body as { created_at: string }).created_at,
      updated_at: expect.stringMatching(ISO),
    });
    expect((await call('GET', `/secrets/${vaulted}/api_key`)).body).toMatchObject({ value: 'new-value' });
    // Without a value, a replacement keeps the old one.
    await call('POST', '/secrets', { agent_id: vaulted, secret_name: 'api_key', description: 'renamed' });
    expect((await call('GET', `/secrets/${vaulted}/api_key`)).body).toMatchObject({ value: 'new-value' });
    expect(await metric()).toBe(before + 2);

    expect(await call('DELETE', `/secrets/${vaulted}/api_key`)).toMatchObject({ status: 200, body: { agent_id: vaulted, secret_name: 'api_key', status: 'deleted' } });
    expect((await call('GET', `/secrets/${vaulted}/api_key`)).body).toEqual({ error: "secret 'api_key' not found", code: 'NOT_FOUND' });
    expect((await call('DELETE', `/secrets/${vaulted}/api_key`)).status).toBe(404);
    expect((await call('GET', `/secrets/${vaulted}`)).body).toEqual({ secrets: ['db/password'], agent_id: vaulted });
    expect(await metric()).toBe(before + 1);

    // Deleting the agent takes its secrets out of the count.
    await call('DELETE', `/agents/${vaulted}`);
    expect(await metric()).toBe(before);
  });

  it('a new secret without a value gets a generated one', async () => {
    await call('POST', '/secrets', { agent_id: SEEDED, secret_name: 'generated' });
    const { value } = (await call('GET', `/secrets/${SEEDED}/generated`)).body as { value: string };
    expect(value).toMatch(/^[\w-]{20,}$/);
  });

  it('answers 404 for an unknown agent on every route', async () => {
    for (const [method, path, body] of [
      ['POST', '/secrets', { agent_id: 'ghost', secret_name: 'x', secret_value: 'v' }],
      ['GET', '/secrets/ghost', undefined],
      ['GET', '/secrets/ghost/x', undefined],
      ['DELETE', '/secrets/ghost/x', undefined],
    ] as const) {
      expect(await call(method, path, body), `${method} ${path}`).toEqual({ status: 404, body: { error: "agent 'ghost' not found", code: 'NOT_FOUND' }, text: expect.any(String) });
    }
  });

  it('validates SecretRequest without echoing the value', async () => {
    for (const body of [{ secret_name: 'x' }, { agent_id: SEEDED }, { agent_id: SEEDED, secret_name: '' }, { agent_id: SEEDED, secret_name: 'x', secret_value: 12345 }, undefined]) {
      const res = await call('POST', '/secrets', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR' });
      expect(res.text).not.toContain('12345');
    }
  });
});

describe('secret backend configuration', () => {
  it.each([
    [{ backend_type: 'vault', vault_config: { url: 'https://vault.example.com', auth_method: 'token', token: 'hvs.tok-1' } }],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle', role_id: 'r', secret_id: 'sid-123' } }],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'kubernetes', kubernetes_role: 'k' } }],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'aws_iam', aws_role: 'a' } }],
    [{ backend_type: 'encrypted_file', file_path: '/var/secrets.enc', encryption_key: 'ek-123' }],
    [{ backend_type: 'encrypted_file', file_path: '/var/secrets.enc' }],
    [{ backend_type: 'os_keychain' }],
  ])('accepts %j and echoes no credential', async (body) => {
    const res = await call('POST', '/secrets/config', body);
    expect(res).toMatchObject({ status: 200, body: { status: 'configured', backend_type: body.backend_type } });
    for (const credential of ['hvs.tok-1', 'sid-123', 'ek-123']) expect(res.text).not.toContain(credential);
  });

  it.each([
    [{ backend_type: 'vault' }, 'vault_config'],
    [{ backend_type: 'vault', vault_config: { auth_method: 'token', token: 'hvs.tok-2' } }, 'vault_config.url'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token' } }, 'vault_config.token'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle', secret_id: 'sid-2' } }, 'vault_config.role_id'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle', role_id: 'r' } }, 'vault_config.secret_id'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'kubernetes' } }, 'vault_config.kubernetes_role'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'aws_iam' } }, 'vault_config.aws_role'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'ldap', token: 'hvs.tok-2' } }, 'vault_config.auth_method'],
    [{ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token', token: 42 } }, 'vault_config.token'],
    [{ backend_type: 'encrypted_file', encryption_key: 'ek-2' }, 'file_path'],
    [{ backend_type: 'keychain' }, 'backend_type'],
  ])('refuses %j naming %s, echoing no credential', async (body, path) => {
    const res = await call('POST', '/secrets/config', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR', details: { issues: [expect.objectContaining({ path })] } });
    for (const credential of ['hvs.tok-2', 'sid-2', 'ek-2', '42']) expect(res.text).not.toContain(credential);
  });
});
