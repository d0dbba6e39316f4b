// Agent management against a runtime-faithful mock (`enterprise: false`: only what the open-source
// runtime serves): list, status, create from DSL, execute, history, update, delete, and an external
// agent that reports with heartbeats and events.
import {
  AgentState,
  APIError,
  createAgent,
  createContext,
  deleteAgent,
  executeAgent,
  getAgentHistory,
  getAgentStatus,
  listAgents,
  pushAgentEvent,
  sendHeartbeat,
  updateAgent,
} from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key', enterprise: false });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  const agents = await listAgents(ctx);
  console.log(`Found ${agents.length} agents:`);
  for (const agent of agents) console.log(`  ${agent.id}  ${agent.name} (${agent.state})`);

  const first = agents[0]!;
  const status = await getAgentStatus(ctx, first.id);
  console.log(`Agent ${status.agent_id} is ${status.state} (${status.execution_mode})`);
  console.log(`Memory usage: ${status.resource_usage.memory_bytes} bytes, CPU ${status.resource_usage.cpu_percent}%`);

  // The runtime creates an agent from its DSL source and answers its new UUID.
  const created = await createAgent(ctx, {
    name: 'summariser',
    dsl: 'agent summariser {\n  name: "Summariser"\n  description: "Summarises documents"\n}',
    execution_mode: { CronScheduled: { cron_expression: '0 0 9 * * *', timezone: 'UTC' } },
    capabilities: ['summarise'],
  });
  console.log(`Created agent: ${created.id} (${created.status})`);

  const run = await executeAgent(ctx, created.id);
  console.log(`Execution ${run.execution_id}: ${run.status}`);
  const { history } = await getAgentHistory(ctx, created.id);
  console.log(`History: ${history.map((h) => `${h.status}@${h.timestamp.toISOString()}`).join(', ')}`);

  await updateAgent(ctx, created.id, { name: 'Renamed summariser' });
  await deleteAgent(ctx, created.id);
  try {
    await deleteAgent(ctx, created.id);
  } catch (error) {
    // The runtime answers 500 with a code for an unknown agent: final, not retried.
    if (error instanceof APIError) console.log(`Deleting it again: ${error.status} ${error.code}`);
  }

  // An external agent runs elsewhere and reports to the runtime.
  const external = await createAgent(ctx, {
    name: 'remote-worker',
    execution_mode: { External: { endpoint: null, agentpin_domain: null, heartbeat_interval_secs: 60 } },
  });
  await sendHeartbeat(ctx, external.id, { state: AgentState.RUNNING, metadata: { host: 'worker-1' } });
  await pushAgentEvent(ctx, external.id, { event_type: 'RunCompleted', payload: { documents: 12 } });
  const remote = await getAgentStatus(ctx, external.id);
  console.log(`External agent ${remote.agent_id}: ${remote.state}, metadata ${JSON.stringify(remote.metadata)}`);
  console.log(`Recent events: ${remote.recent_events?.map((e) => `${e.event_type}@${e.timestamp.toISOString()}`).join(', ')}`);

  console.log(`Agents now: ${(await listAgents(ctx)).map((agent) => agent.name).join(', ')}`);
} finally {
  await runtime.close();
}
