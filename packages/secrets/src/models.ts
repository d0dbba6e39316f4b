/**
 * Models of the secrets endpoints, each a TypeScript type with the wire's snake_case names and
 * the valibot schema that checks it.
 *
 * Secret values, Vault tokens, `secret_id` and `encryption_key` are credentials: no schema here
 * puts a value into an issue (issues name the field and what was expected, never what was given).
 */
import * as v from 'valibot';
import { dateTime, enumObject, nonEmpty, oneOf, nullish, type Schema } from '@symbiont/core/kernel';

/** Where the runtime keeps secrets. */
export type SecretBackendType = 'vault' | 'encrypted_file' | 'os_keychain';

/** The secret backends as constants: `SecretBackendType.VAULT === 'vault'`. */
export const SecretBackendType = /* @__PURE__ */ enumObject({
  VAULT: 'vault',
  ENCRYPTED_FILE: 'encrypted_file',
  OS_KEYCHAIN: 'os_keychain',
});

/** How the runtime authenticates to HashiCorp Vault. */
export type VaultAuthMethod = 'token' | 'kubernetes' | 'aws_iam' | 'approle';

/** The Vault auth methods as constants: `VaultAuthMethod.TOKEN === 'token'`. */
export const VaultAuthMethod = /* @__PURE__ */ enumObject({
  TOKEN: 'token',
  KUBERNETES: 'kubernetes',
  AWS_IAM: 'aws_iam',
  APPROLE: 'approle',
});

/**
 * HashiCorp Vault settings. Which optional field is required depends on `auth_method`:
 * `token` needs `token`, `approle` needs `role_id` and `secret_id`, `kubernetes` needs
 * `kubernetes_role`, `aws_iam` needs `aws_role`.
 */
export interface VaultConfig {
  /** The Vault server's URL, e.g. `https://vault.example.com`. */
  url: string;
  auth_method: VaultAuthMethod;
  /** Vault token (a credential), for `auth_method: 'token'`. */
  token?: string | null;
  /** AppRole role id, for `auth_method: 'approle'`. */
  role_id?: string | null;
  /** AppRole secret id (a credential), for `auth_method: 'approle'`. */
  secret_id?: string | null;
  /** Kubernetes auth role, for `auth_method: 'kubernetes'`. */
  kubernetes_role?: string | null;
  /** AWS IAM auth role, for `auth_method: 'aws_iam'`. */
  aws_role?: string | null;
}

/**
 * The body of `configureSecretBackend`. `vault` needs `vault_config`; `encrypted_file` needs
 * `file_path` (`encryption_key` optional); `os_keychain` needs nothing else.
 */
export interface SecretBackendConfig {
  backend_type: SecretBackendType;
  vault_config?: VaultConfig | null;
  /** Path of the encrypted secrets file, for `backend_type: 'encrypted_file'`. */
  file_path?: string | null;
  /** Key of the encrypted secrets file (a credential), for `backend_type: 'encrypted_file'`. */
  encryption_key?: string | null;
}

/** The body of `storeSecret`. */
export interface SecretRequest {
  agent_id: string;
  secret_name: string;
  /** The secret (a credential). */
  secret_value?: string | null;
  description?: string | null;
}

/** What `storeSecret` answers. */
export interface SecretResponse {
  secret_name: string;
  agent_id: string;
  created_at: Date;
  updated_at?: Date | null;
  [field: string]: unknown;
}

/** What `listSecrets` answers: the names of an agent's secrets, never their values. */
export interface SecretListResponse {
  secrets: string[];
  agent_id: string;
  [field: string]: unknown;
}

/** What `GET /secrets/{agent_id}/{secret_name}` answers; `getSecret` resolves to `value`. */
export interface SecretValueResponse {
  value: string;
  [field: string]: unknown;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

/**
 * For each value of the field `by`, the fields it makes required. A missing one is an issue at
 * that field's path (`vault_config.token`) saying when it is required; it never carries a value.
 */
const requires = <T extends object>(by: string, table: Record<string, string[]>) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const input = dataset.value as Record<string, unknown>;
    for (const key of table[input[by] as string] ?? []) {
      if (input[key] == null) {
        addIssue({
          message: `${/^[aeiou]/.test(key) ? 'an' : 'a'} ${key} when ${by} is "${input[by] as string}"`,
          input: undefined,
          path: [{ type: 'object', origin: 'value', input, key, value: undefined }],
        });
      }
    }
  });

const optionalText = /* @__PURE__ */ nullish(nonEmpty);

export const VaultConfigSchema: Schema<VaultConfig> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.strictObject({
    url: nonEmpty,
    auth_method: /* @__PURE__ */ oneOf(['token', 'kubernetes', 'aws_iam', 'approle']),
    token: optionalText,
    role_id: optionalText,
    secret_id: optionalText,
    kubernetes_role: optionalText,
    aws_role: optionalText,
  }),
  /* @__PURE__ */ requires('auth_method', { token: ['token'], approle: ['role_id', 'secret_id'], kubernetes: ['kubernetes_role'], aws_iam: ['aws_role'] }),
);

export const SecretBackendConfigSchema: Schema<SecretBackendConfig> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.strictObject({
    backend_type: /* @__PURE__ */ oneOf(['vault', 'encrypted_file', 'os_keychain']),
    vault_config: /* @__PURE__ */ nullish(VaultConfigSchema),
    file_path: optionalText,
    encryption_key: optionalText,
  }),
  /* @__PURE__ */ requires('backend_type', { vault: ['vault_config'], encrypted_file: ['file_path'] }),
);

export const SecretRequestSchema: Schema<SecretRequest> = /* @__PURE__ */ v.strictObject({
  agent_id: nonEmpty,
  secret_name: nonEmpty,
  secret_value: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
  description: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
});

export const SecretResponseSchema: Schema<SecretResponse> = /* @__PURE__ */ v.looseObject({
  secret_name: /* @__PURE__ */ v.string(),
  agent_id: /* @__PURE__ */ v.string(),
  created_at: dateTime,
  updated_at: /* @__PURE__ */ nullish(dateTime),
});

export const SecretListResponseSchema: Schema<SecretListResponse> = /* @__PURE__ */ v.looseObject({
  secrets: /* @__PURE__ */ v.array(/* @__PURE__ */ v.string()),
  agent_id: /* @__PURE__ */ v.string(),
});

export const SecretValueSchema: Schema<SecretValueResponse> = /* @__PURE__ */ v.looseObject({ value: /* @__PURE__ */ v.string() });
