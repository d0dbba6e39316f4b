// Agent management: list, create, status, execute, history, update, delete.
import {
  createAgent,
  createContext,
  deleteAgent,
  executeAgent,
  getAgentHistory,
  getAgentStatus,
  listAgents,
  updateAgent,
} from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  const agents = await listAgents(ctx);
  console.log(`Found ${agents.length} agents: ${agents.join(', ')}`);

  const status = await getAgentStatus(ctx, 'agent-123');
  console.log(`Agent ${status.agent_id} is ${status.state}`);
  console.log(`Memory usage: ${status.resource_usage.memory_bytes} bytes`);
  console.log(`CPU usage: ${status.resource_usage.cpu_percent}%`);

  const created = await createAgent(ctx, {
    id: 'my-agent',
    name: 'My Assistant',
    description: 'A helpful AI assistant',
    system_prompt: 'You are a helpful assistant.',
    tools: ['web_search', 'calculator'],
    model: 'gpt-4',
    temperature: 0.7,
    top_p: 0.9,
    max_tokens: 1000,
  });
  console.log(`Created agent: ${created.id} (${created.status})`);

  const run = await executeAgent(ctx, 'my-agent', { input: 'hello' });
  console.log(`Execution ${run.execution_id}: ${run.status}`);
  const { history } = await getAgentHistory(ctx, 'my-agent');
  console.log(`History: ${history.map((h) => `${h.execution_id}@${h.timestamp.toISOString()}`).join(', ')}`);

  await updateAgent(ctx, 'my-agent', { name: 'My Renamed Assistant' });
  await deleteAgent(ctx, 'my-agent');
  console.log(`Agents now: ${(await listAgents(ctx)).join(', ')}`);
} finally {
  await runtime.close();
}
