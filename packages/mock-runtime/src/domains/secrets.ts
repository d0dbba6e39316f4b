/**
 * Secrets management (contract: "Secrets").
 *
 * Behaviour of this mock, beyond what the contract fixes:
 * - Secrets are kept per agent; the agent must exist (`404 NOT_FOUND` otherwise, for every route).
 * - `POST /secrets` with a name the agent already has replaces the value (when one is given) and
 *   the description, keeps `created_at` and answers with `updated_at`; a new secret's answer has no
 *   `updated_at`. A new secret stored without `secret_value` gets a random value.
 * - `GET /secrets/{agent_id}/{secret_name}` answers `{ agent_id, secret_name, value }`; the listing
 *   `GET /secrets/{agent_id}` answers names only, in the order they were first stored.
 * - `POST /secrets/config` checks what the SDK checks (`400 VALIDATION_ERROR` naming the missing
 *   field) and answers `{ status: "configured", backend_type }`. Nothing the mock answers, errors
 *   included, contains a secret value, a token, a `secret_id` or an `encryption_key`.
 * - `secrets_count` in `GET /metrics` is the number of secrets of existing agents.
 */
import { randomBytes } from 'node:crypto';
import { HttpError, json, notFound } from '../responses.ts';
import type { Route } from '../routes.ts';
import type { State } from '../state.ts';
import { assertShape, isObject, type Issue } from '../validate.ts';

/** One stored secret. */
export interface SecretRecord {
  value: string;
  description: string | undefined;
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601; set when the secret is replaced. */
  updated_at: string | undefined;
}

/** The backend last configured with `POST /secrets/config`, without any credential. */
export interface SecretBackendRecord {
  backend_type: string;
  /** For Vault: the URL and auth method. */
  vault?: { url: string; auth_method: string };
  /** For the encrypted file backend. */
  file_path?: string;
}

const BACKEND_TYPES = ['vault', 'encrypted_file', 'os_keychain'];
/** The fields each Vault auth method needs. */
const AUTH_NEEDS: Readonly<Record<string, readonly string[]>> = {
  token: ['token'],
  approle: ['role_id', 'secret_id'],
  kubernetes: ['kubernetes_role'],
  aws_iam: ['aws_role'],
};
const VAULT_TEXT_FIELDS = ['url', 'token', 'role_id', 'secret_id', 'kubernetes_role', 'aws_role'];

function agentSecrets(state: State, agentId: string): Map<string, SecretRecord> {
  if (!state.agents.has(agentId)) throw notFound('agent', agentId);
  let secrets = state.secrets.get(agentId);
  if (secrets === undefined) {
    secrets = new Map();
    state.secrets.set(agentId, secrets);
  }
  return secrets;
}

function findSecret(state: State, agentId: string, name: string): SecretRecord {
  const secret = agentSecrets(state, agentId).get(name);
  if (secret === undefined) throw notFound('secret', name);
  return secret;
}

function invalid(issues: Issue[]): HttpError {
  const summary = issues.map((issue) => `${issue.path || 'body'}: expected ${issue.expected}`).join('; ');
  return new HttpError(400, 'VALIDATION_ERROR', `invalid request body: ${summary}`, { details: { issues } });
}

/** Checks a `SecretBackendConfig` as the SDK does; issues name fields, never values. */
function checkBackend(body: unknown): Issue[] {
  if (!isObject(body)) return [{ path: '', expected: 'a JSON object' }];
  const issues: Issue[] = [];
  const type = body.backend_type;
  if (typeof type !== 'string' || !BACKEND_TYPES.includes(type)) {
    return [{ path: 'backend_type', expected: `one of ${BACKEND_TYPES.join(', ')}` }];
  }
  for (const field of ['file_path', 'encryption_key']) {
    if (body[field] != null && typeof body[field] !== 'string') issues.push({ path: field, expected: 'string' });
  }
  if (type === 'encrypted_file' && body.file_path == null) {
    issues.push({ path: 'file_path', expected: 'string (required when backend_type is "encrypted_file")' });
  }
  const vault = body.vault_config;
  if (vault == null) {
    if (type === 'vault') issues.push({ path: 'vault_config', expected: 'object (required when backend_type is "vault")' });
    return issues;
  }
  if (!isObject(vault)) return [...issues, { path: 'vault_config', expected: 'object' }];
  for (const field of VAULT_TEXT_FIELDS) {
    if (vault[field] != null && typeof vault[field] !== 'string') issues.push({ path: `vault_config.${field}`, expected: 'string' });
  }
  if (vault.url == null) issues.push({ path: 'vault_config.url', expected: 'string (required)' });
  const method = vault.auth_method;
  const needs = typeof method === 'string' ? AUTH_NEEDS[method] : undefined;
  if (needs === undefined) {
    issues.push({ path: 'vault_config.auth_method', expected: `one of ${Object.keys(AUTH_NEEDS).join(', ')}` });
    return issues;
  }
  for (const field of needs) {
    if (vault[field] == null) {
      issues.push({ path: `vault_config.${field}`, expected: `string (required when auth_method is "${String(method)}")` });
    }
  }
  return issues;
}

/** Secrets routes, registered by `startMockRuntime`. */
export const secretsRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/secrets/config',
    handler: (req, state) => {
      const issues = checkBackend(req.body);
      if (issues.length > 0) throw invalid(issues);
      const body = req.body as { backend_type: string; file_path?: string | null; vault_config?: { url: string; auth_method: string } | null };
      const backend: SecretBackendRecord = { backend_type: body.backend_type };
      if (body.vault_config != null) backend.vault = { url: body.vault_config.url, auth_method: body.vault_config.auth_method };
      if (body.file_path != null) backend.file_path = body.file_path;
      state.secretBackend = backend;
      return json({ status: 'configured', backend_type: backend.backend_type });
    },
  },
  {
    method: 'POST',
    pattern: '/secrets',
    handler: (req, state) => {
      assertShape<{ agent_id: string; secret_name: string; secret_value?: string; description?: string }>(req.body, {
        agent_id: 'string',
        secret_name: 'string',
        secret_value: 'string?',
        description: 'string?',
      });
      const { agent_id, secret_name, secret_value, description } = req.body;
      if (secret_name === '') throw invalid([{ path: 'secret_name', expected: 'non-empty string' }]);
      const secrets = agentSecrets(state, agent_id);
      const now = state.now().toISOString();
      const existing = secrets.get(secret_name);
      if (existing === undefined) {
        const record: SecretRecord = {
          value: secret_value ?? randomBytes(24).toString('base64url'),
          description,
          created_at: now,
          updated_at: undefined,
        };
        secrets.set(secret_name, record);
        return json({ secret_name, agent_id, created_at: record.created_at });
      }
      if (secret_value !== undefined) existing.value = secret_value;
      if (description !== undefined) existing.description = description;
      existing.updated_at = now;
      return json({ secret_name, agent_id, created_at: existing.created_at, updated_at: now });
    },
  },
  {
    method: 'GET',
    pattern: '/secrets/{agent_id}',
    handler: (req, state) => {
      const agentId = req.params.agent_id ?? '';
      return json({ secrets: [...agentSecrets(state, agentId).keys()], agent_id: agentId });
    },
  },
  {
    method: 'GET',
    pattern: '/secrets/{agent_id}/{secret_name}',
    handler: (req, state) => {
      const agentId = req.params.agent_id ?? '';
      const name = req.params.secret_name ?? '';
      return json({ agent_id: agentId, secret_name: name, value: findSecret(state, agentId, name).value });
    },
  },
  {
    method: 'DELETE',
    pattern: '/secrets/{agent_id}/{secret_name}',
    handler: (req, state) => {
      const agentId = req.params.agent_id ?? '';
      const name = req.params.secret_name ?? '';
      findSecret(state, agentId, name);
      state.secrets.get(agentId)?.delete(name);
      return json({ agent_id: agentId, secret_name: name, status: 'deleted' });
    },
  },
];
