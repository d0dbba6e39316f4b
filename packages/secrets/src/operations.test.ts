import { APIError, createContext, NotFoundError, ValidationError } from '@symbiont/core';
import { SEED_AGENTS } from '@symbiont/mock-runtime';
import { describe, expect, it } from 'vitest';
import {
  configureSecretBackend,
  deleteSecret,
  getSecret,
  listSecrets,
  SecretBackendType,
  storeSecret,
  VaultAuthMethod,
  type SecretBackendConfig,
} from './index.ts';
import { catchError, useMockRuntime } from '@symbiont/test-support';

const API_KEY = 'secrets-test-key';
/** A seeded agent of the mock runtime (a UUID, as the runtime's agent ids are). */
const AGENT = SEED_AGENTS.example;

const runtime = useMockRuntime({ apiKey: API_KEY });

describe('enums', () => {
  it('are frozen objects of the wire strings', () => {
    expect(SecretBackendType).toEqual({ VAULT: 'vault', ENCRYPTED_FILE: 'encrypted_file', OS_KEYCHAIN: 'os_keychain' });
    expect(VaultAuthMethod).toEqual({ TOKEN: 'token', KUBERNETES: 'kubernetes', AWS_IAM: 'aws_iam', APPROLE: 'approle' });
    expect(Object.isFrozen(SecretBackendType) && Object.isFrozen(VaultAuthMethod)).toBe(true);
  });
});

describe('configureSecretBackend', () => {
  const vault = (vault_config: Record<string, string>): SecretBackendConfig =>
    ({ backend_type: SecretBackendType.VAULT, vault_config: { url: 'https://vault.example.com', ...vault_config } as never });

  it.each<[string, SecretBackendConfig]>([
    ['vault + token', vault({ auth_method: VaultAuthMethod.TOKEN, token: 'hvs.abc123' })],
    ['vault + approle', vault({ auth_method: VaultAuthMethod.APPROLE, role_id: 'role-1', secret_id: 'sid-1' })],
    ['vault + kubernetes', vault({ auth_method: VaultAuthMethod.KUBERNETES, kubernetes_role: 'symbiont' })],
    ['vault + aws_iam', vault({ auth_method: VaultAuthMethod.AWS_IAM, aws_role: 'symbiont-role' })],
    ['encrypted file with key', { backend_type: SecretBackendType.ENCRYPTED_FILE, file_path: '/var/lib/secrets.enc', encryption_key: 'ek-1234' }],
    ['encrypted file without key', { backend_type: SecretBackendType.ENCRYPTED_FILE, file_path: '/var/lib/secrets.enc' }],
    ['OS keychain', { backend_type: SecretBackendType.OS_KEYCHAIN }],
  ])('%s: POST /secrets/config with the config as given', async (_, config) => {
    const result = await configureSecretBackend(runtime.ctx, config);
    expect(result).toEqual({ status: 'configured', backend_type: config.backend_type });
    expect(runtime.mock.requests).toHaveLength(1);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/secrets/config', query: {}, body: config });
  });

  const refused = (config: unknown) => configureSecretBackend(runtime.ctx, config as SecretBackendConfig);

  it.each<[string, unknown, string, string]>([
    ['vault without vault_config', { backend_type: 'vault' }, 'vault_config', 'expected a vault_config when backend_type is "vault", received undefined'],
    ['vault without url', { backend_type: 'vault', vault_config: { auth_method: 'token', token: 'hvs.t' } }, 'vault_config.url', 'required field is missing'],
    ['vault with an empty url', { backend_type: 'vault', vault_config: { url: '', auth_method: 'token', token: 'hvs.t' } }, 'vault_config.url', 'expected non-empty string, received string'],
    ['token without token', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token' } }, 'vault_config.token', 'expected a token when auth_method is "token", received undefined'],
    ['approle without role_id', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle', secret_id: 'sid-x' } }, 'vault_config.role_id', 'expected a role_id when auth_method is "approle", received undefined'],
    ['approle without secret_id', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle', role_id: 'r' } }, 'vault_config.secret_id', 'expected a secret_id when auth_method is "approle", received undefined'],
    ['kubernetes without kubernetes_role', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'kubernetes' } }, 'vault_config.kubernetes_role', 'expected a kubernetes_role when auth_method is "kubernetes", received undefined'],
    ['aws_iam without aws_role', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'aws_iam' } }, 'vault_config.aws_role', 'expected an aws_role when auth_method is "aws_iam", received undefined'],
    ['an unknown auth method', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'ldap' } }, 'vault_config.auth_method', 'expected one of token, kubernetes, aws_iam, approle, received string'],
    ['encrypted_file without file_path', { backend_type: 'encrypted_file', encryption_key: 'ek-x' }, 'file_path', 'expected a file_path when backend_type is "encrypted_file", received undefined'],
    ['an empty encryption_key', { backend_type: 'encrypted_file', file_path: '/f', encryption_key: '' }, 'encryption_key', 'expected non-empty string, received string'],
    ['an unknown backend', { backend_type: 'keychain' }, 'backend_type', 'expected one of vault, encrypted_file, os_keychain, received string'],
    ['an unknown field', { backend_type: 'os_keychain', password: 'pw-x' }, 'password', 'unknown field'],
    ['a wrong-typed token', { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token', token: 123456789 } }, 'vault_config.token', 'expected string, received number'],
    ['no object at all', 'hvs.raw-token', '', 'expected a plain object, received string'],
  ])('refuses %s, naming the field, sending nothing', async (_, config, path, expectation) => {
    const error = await catchError(refused(config));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('configureSecretBackend');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].path).toBe(path);
    expect(error.message).toBe(`configureSecretBackend: invalid input: ${path || 'value'}: ${expectation}`);
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('reports both approle fields when both are missing', async () => {
    const error = await catchError(refused({ backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'approle' } }));
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(['vault_config.role_id', 'vault_config.secret_id']);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('storeSecret', () => {
  it('POST /secrets with the SecretRequest; created_at becomes a Date', async () => {
    const request = { agent_id: AGENT, secret_name: 'api_key', secret_value: 'secret_value_here', description: 'API key for external service' };
    const stored = await storeSecret(runtime.ctx, request);
    expect(runtime.last()).toMatchObject({ method: 'POST', path: '/secrets', query: {}, body: request });
    expect(stored).toEqual({ secret_name: 'api_key', agent_id: AGENT, created_at: expect.any(Date) });
    expect(stored.updated_at).toBeUndefined();

    const again = await storeSecret(runtime.ctx, { agent_id: AGENT, secret_name: 'api_key', secret_value: 'rotated' });
    expect(again.updated_at).toBeInstanceOf(Date);
    expect(again.created_at.getTime()).toBe(stored.created_at.getTime());
  });

  it('omits the optional fields that are not given', async () => {
    await storeSecret(runtime.ctx, { agent_id: AGENT, secret_name: 'no-value' });
    expect(runtime.last().body).toEqual({ agent_id: AGENT, secret_name: 'no-value' });
  });

  it('is a NotFoundError for an unknown agent', async () => {
    const error = await catchError(storeSecret(runtime.ctx, { agent_id: 'ghost', secret_name: 'x', secret_value: 'v' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', operation: 'storeSecret' });
  });

  it.each<[string, unknown, string]>([
    ['without agent_id', { secret_name: 'x', secret_value: 'sv-1' }, 'agent_id'],
    ['with an empty secret_name', { agent_id: 'a', secret_name: '', secret_value: 'sv-1' }, 'secret_name'],
    ['with a non-string secret_value', { agent_id: 'a', secret_name: 'x', secret_value: 424242 }, 'secret_value'],
    ['with an unknown field', { agent_id: 'a', secret_name: 'x', value: 'sv-1' }, 'value'],
  ])('refuses a request %s, sending nothing', async (_, request, path) => {
    const error = await catchError(storeSecret(runtime.ctx, request as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('storeSecret');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect(error.message).not.toMatch(/sv-1|424242/);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('getSecret, listSecrets, deleteSecret', () => {
  it('round-trips a secret and resolves getSecret to the string', async () => {
    await storeSecret(runtime.ctx, { agent_id: AGENT, secret_name: 'db/password', secret_value: 'pa55/word?' });
    runtime.mock.clearRequests();

    const value = await getSecret(runtime.ctx, AGENT, 'db/password');
    expect(value).toBe('pa55/word?');
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/secrets/${AGENT}/db%2Fpassword`, query: {}, body: undefined });

    const list = await listSecrets(runtime.ctx, AGENT);
    expect(runtime.last()).toMatchObject({ method: 'GET', path: `/secrets/${AGENT}`, query: {}, body: undefined });
    expect(list.agent_id).toBe(AGENT);
    expect(list.secrets).toContain('db/password');
    expect(JSON.stringify(list)).not.toContain('pa55/word?');

    const deleted = await deleteSecret(runtime.ctx, AGENT, 'db/password');
    expect(runtime.last()).toMatchObject({ method: 'DELETE', path: `/secrets/${AGENT}/db%2Fpassword`, query: {}, body: undefined });
    expect(deleted).toEqual({ agent_id: AGENT, secret_name: 'db/password', status: 'deleted' });
    expect((await listSecrets(runtime.ctx, AGENT)).secrets).not.toContain('db/password');
  });

  it('getSecret resolves to the string with validateResponses: false too', async () => {
    await storeSecret(runtime.ctx, { agent_id: AGENT, secret_name: 'plain', secret_value: 'plain-value' });
    const loose = createContext({ baseUrl: runtime.mock.url, apiKey: API_KEY, validateResponses: false });
    expect(await getSecret(loose, AGENT, 'plain')).toBe('plain-value');
  });

  it('unknown agents and secrets are NotFoundErrors', async () => {
    for (const promise of [getSecret(runtime.ctx, AGENT, 'missing'), deleteSecret(runtime.ctx, AGENT, 'missing'), listSecrets(runtime.ctx, 'ghost'), getSecret(runtime.ctx, 'ghost', 'x')]) {
      const error = await catchError(promise);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toBeInstanceOf(APIError);
      expect(error.status).toBe(404);
    }
  });

  it.each(['', '.', '..'])('refuses the path parameter %j, sending nothing', async (bad) => {
    for (const [promise, param] of [
      [getSecret(runtime.ctx, bad, 'x'), 'agent_id'],
      [getSecret(runtime.ctx, AGENT, bad), 'secret_name'],
      [listSecrets(runtime.ctx, bad), 'agent_id'],
      [deleteSecret(runtime.ctx, AGENT, bad), 'secret_name'],
    ] as const) {
      const error = await catchError(promise);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toBe(param);
    }
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('null in optional fields', () => {
  it('a null credential the auth method needs counts as missing; other nulls are sent as null', async () => {
    const error = await catchError(configureSecretBackend(runtime.ctx, { backend_type: 'vault', vault_config: { url: 'https://v', auth_method: 'token', token: null } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('vault_config.token');
    expect(runtime.mock.requests).toHaveLength(0);
    await configureSecretBackend(runtime.ctx, { backend_type: 'os_keychain', file_path: null, vault_config: null });
    expect(runtime.mock.requests.at(-1)!.body).toEqual({ backend_type: 'os_keychain', file_path: null, vault_config: null });
  });
});
