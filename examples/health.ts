// System health and metrics (the reference README's "System Health Check" and "Enhanced Monitoring").
import { createContext, getAgentMetrics, getMetrics, healthCheck } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime();
try {
  const ctx = createContext({ baseUrl: runtime.url });

  const health = await healthCheck(ctx);
  console.log(`Status: ${health.status}, up ${health.uptime_seconds}s, version ${health.version}, at ${health.timestamp.toISOString()}`);

  const system = await getMetrics(ctx);
  console.log(`Memory usage: ${system.memory_usage_percent}%`);
  console.log(`CPU usage: ${system.cpu_usage_percent}%`);
  console.log(`Active agents: ${system.active_agents}`);
  console.log(`Vector DB items: ${system.vector_db_items}`);
  console.log(`MCP connections: ${system.mcp_connections}`);

  const agent = await getAgentMetrics(ctx, 'agent-123');
  console.log(`Tasks completed: ${agent.tasks_completed}`);
  console.log(`Average response time: ${agent.average_response_time_ms}ms`);
  console.log(`Agent uptime: ${agent.uptime_seconds}s`);
} finally {
  await runtime.close();
}
