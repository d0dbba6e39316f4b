// Quick start: create a context, check health, list agents. Runs against a mock runtime it starts.
// Against a real runtime, drop startMockRuntime and pass your baseUrl/apiKey (or set SYMBIONT_*).
import { createContext, healthCheck, listAgents } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key', enterprise: false });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  const health = await healthCheck(ctx);
  console.log(`Status: ${health.status}`);
  console.log(`Uptime: ${health.uptime_seconds} seconds`);
  console.log(`Version: ${health.version}`);

  const agents = await listAgents(ctx);
  console.log(`Found ${agents.length} agents:`);
  for (const agent of agents) console.log(`  ${agent.id}  ${agent.name} (${agent.state})`);
} finally {
  await runtime.close();
}
