// Workflow execution (the reference README's "Workflow Execution").
import { createContext, executeWorkflow } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime();
try {
  const ctx = createContext({ baseUrl: runtime.url });
  const result = await executeWorkflow(ctx, {
    workflow_id: 'data-analysis-workflow',
    parameters: { input_data: 'path/to/data.csv', analysis_type: 'statistical' },
    agent_id: 'agent-123', // optional
  });
  console.log('Workflow result:', result);
} finally {
  await runtime.close();
}
