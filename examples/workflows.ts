// Workflow execution (the reference README's "Workflow Execution"). The runtime parses
// `workflow_id` as the workflow's DSL source and schedules an agent for it.
import { createContext, executeWorkflow } from '@symbiont/core';
import { SEED_AGENTS, startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ enterprise: false });
try {
  const ctx = createContext({ baseUrl: runtime.url });
  const result = await executeWorkflow(ctx, {
    workflow_id: 'agent data_analysis {\n  name: "Data analysis"\n}',
    parameters: { input_data: 'path/to/data.csv', analysis_type: 'statistical' },
    agent_id: SEED_AGENTS.example, // optional: a UUID; without it the runtime makes a new agent
  });
  console.log(`Workflow ${result.status}: agent ${result.agent_id}, started ${result.execution_started}`);
  console.log(`System: ${result.system_status.running_agents} of ${result.system_status.total_agents} agents running`);
  console.log('Parameters echoed:', result.parameters);
} finally {
  await runtime.close();
}
