// Secrets management: configure a HashiCorp Vault backend, then store, read, list and delete an
// agent's secrets. Runs against a mock runtime it starts (the mock keeps secrets in memory; no
// Vault is contacted). Against a real runtime, drop startMockRuntime and pass your baseUrl/apiKey.
import { createContext, ValidationError } from '@symbiont/core';
import { SEED_AGENTS, startMockRuntime } from '@symbiont/mock-runtime';
import {
  configureSecretBackend,
  deleteSecret,
  getSecret,
  listSecrets,
  SecretBackendType,
  storeSecret,
  VaultAuthMethod,
} from '@symbiont/secrets';

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });
  const agentId = SEED_AGENTS.example; // an agent's UUID (the mock starts with two)

  // Configure HashiCorp Vault backend
  await configureSecretBackend(ctx, {
    backend_type: SecretBackendType.VAULT,
    vault_config: {
      url: 'https://vault.example.com',
      auth_method: VaultAuthMethod.TOKEN,
      token: 'hvs.abc123',
    },
  });
  console.log('Secret backend: vault (token auth)');

  // The config is checked before anything is sent, and no credential is ever echoed.
  try {
    await configureSecretBackend(ctx, {
      backend_type: SecretBackendType.VAULT,
      vault_config: { url: 'https://vault.example.com', auth_method: VaultAuthMethod.APPROLE, secret_id: 'do-not-print-me' },
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.log(`Refused before sending: ${error.message}`);
  }

  // Store and retrieve secrets
  const response = await storeSecret(ctx, {
    agent_id: agentId,
    secret_name: 'api_key',
    secret_value: 'secret_value_here',
    description: 'API key for external service',
  });
  console.log(`Secret stored: ${response.secret_name} (at ${response.created_at.toISOString()})`);

  // Retrieve secret (shown masked: a real example should not print secrets)
  const secretValue = await getSecret(ctx, agentId, 'api_key');
  console.log(`Retrieved secret: ${secretValue.slice(0, 4)}… (${secretValue.length} characters)`);

  // List all secrets for an agent: names only, never values
  const secretsList = await listSecrets(ctx, agentId);
  console.log(`Agent secrets: ${secretsList.secrets.join(', ')}`);

  await deleteSecret(ctx, agentId, 'api_key');
  console.log(`After delete: ${(await listSecrets(ctx, agentId)).secrets.length} secrets`);
} finally {
  await runtime.close();
}
