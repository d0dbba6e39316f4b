// MCP management: register a filesystem MCP server, connect it, list its tools and resources,
// read its connection status, then disconnect. Runs against a mock runtime it starts (the mock
// simulates the server; no process is spawned). Against a real runtime, drop startMockRuntime.
import { createContext } from '@symbiont/core';
import {
  addMcpServer,
  connectMcpServer,
  disconnectMcpServer,
  getMcpServer,
  listMcpResources,
  listMcpServers,
  listMcpTools,
} from '@symbiont/mcp';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  // Add MCP server
  await addMcpServer(ctx, {
    name: 'filesystem-server',
    command: ['npx', '@modelcontextprotocol/server-filesystem', '/tmp'],
    env: { NODE_ENV: 'production' },
    timeout_seconds: 30,
  });
  console.log(`Servers: ${(await listMcpServers(ctx)).map((s) => `${s.server_name} (${s.status})`).join(', ')}`);

  // Connect to server
  await connectMcpServer(ctx, 'filesystem-server');

  // List available tools and resources
  const tools = await listMcpTools(ctx, 'filesystem-server');
  const resources = await listMcpResources(ctx, 'filesystem-server');

  console.log(`Available tools: ${tools.map((tool) => tool.name).join(', ')}`);
  console.log(`read_file takes: ${JSON.stringify(tools.find((tool) => tool.name === 'read_file')?.schema)}`);
  console.log(`Available resources: ${resources.map((resource) => resource.uri).join(', ')}`);

  // Get connection status
  const connectionInfo = await getMcpServer(ctx, 'filesystem-server');
  console.log(`Status: ${connectionInfo.status} (pid ${connectionInfo.pid}, since ${connectionInfo.connected_at?.toISOString()})`);
  console.log(`Tools count: ${connectionInfo.tools_count}`);

  await disconnectMcpServer(ctx, 'filesystem-server');
  const after = await getMcpServer(ctx, 'filesystem-server');
  console.log(`After disconnect: ${after.status}, ${after.tools_count} tools`);
} finally {
  await runtime.close();
}
