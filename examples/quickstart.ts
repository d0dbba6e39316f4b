// Quick start: create a context, check health, then check the API key with a call that needs one.
// Runs against a mock runtime it starts. Against a real runtime, drop startMockRuntime and pass your
// baseUrl/apiKey (or set SYMBIONT_BASE_URL / SYMBIONT_API_KEY).
import { AuthenticationError, createContext, healthCheck, listAgents } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key', enterprise: false });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  // GET /health is public: it answers without a key (or with a wrong one), so a healthy answer
  // says the runtime is up, not that the key works.
  const health = await healthCheck(ctx);
  console.log(`Status: ${health.status}`);
  console.log(`Uptime: ${health.uptime_seconds} seconds`);
  console.log(`Version: ${health.version}`);

  // GET /agents needs the key: this is the call that checks it.
  const agents = await listAgents(ctx);
  console.log(`Found ${agents.length} agents:`);
  for (const agent of agents) console.log(`  ${agent.id}  ${agent.name} (${agent.state})`);

  // The same two calls with a wrong key: health still answers, listAgents is refused.
  const wrongKey = createContext({ baseUrl: runtime.url, apiKey: 'not-the-key', maxRetries: 0 });
  console.log(`With a wrong key, health says: ${(await healthCheck(wrongKey)).status}`);
  try {
    await listAgents(wrongKey);
    throw new Error('listAgents accepted a wrong key');
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    console.log(`With a wrong key, listAgents fails: ${error.name} (${error.status}): ${error.message}`);
  }
} finally {
  await runtime.close();
}
