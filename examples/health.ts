// System health, probes, status and metrics (the reference README's "System Health Check" and
// "Enhanced Monitoring"). Agent metrics come from the Enterprise API only.
import { createContext, getAgentMetrics, getMetrics, getRuntimeStatus, healthCheck, isLive, isReady, NotFoundError } from '@symbiont/core';
import { SEED_AGENTS, startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ enterprise: false });
const enterprise = await startMockRuntime();
try {
  const ctx = createContext({ baseUrl: runtime.url });

  const health = await healthCheck(ctx);
  console.log(`Status: ${health.status}, up ${health.uptime_seconds}s, version ${health.version}, at ${health.timestamp.toISOString()}`);
  console.log(`Live: ${await isLive(ctx)}, ready: ${await isReady(ctx)}`);

  const status = await getRuntimeStatus(ctx);
  console.log(`Runtime ${status.version}: healthy ${status.healthy}, ${status.agent_count} agents, ${status.schedule_count} schedules, ${status.channel_count} channels`);

  const { agents, system } = await getMetrics(ctx);
  console.log(`Agents: ${agents.total} total, ${agents.running} running, ${agents.idle} idle, ${agents.error} in error`);
  console.log(`Memory usage: ${system.memory_usage} bytes, CPU usage: ${system.cpu_usage}`);

  // Agent metrics are an Enterprise route: the open-source runtime answers 404 with an empty body.
  try {
    await getAgentMetrics(ctx, SEED_AGENTS.example);
  } catch (error) {
    if (error instanceof NotFoundError) console.log(`getAgentMetrics on the open-source runtime: ${error.status}`);
  }
  const agent = await getAgentMetrics(createContext({ baseUrl: enterprise.url }), SEED_AGENTS.example);
  console.log(`Enterprise agent metrics: ${agent.tasks_completed} tasks, ${agent.average_response_time_ms} ms average, up ${agent.uptime_seconds}s`);
} finally {
  await runtime.close();
  await enterprise.close();
}
