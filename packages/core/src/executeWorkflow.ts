import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { WorkflowExecutionRequestSchema, WorkflowExecutionResultSchema } from './models.ts';
import type { WorkflowExecutionRequest, WorkflowExecutionResult } from './models.ts';

/**
 * Run a workflow. `POST /workflows/execute`. The runtime parses `workflow_id` as the workflow's
 * **DSL source** (not an id), schedules an agent for it and answers at once with
 * `execution_started`. Admin key, unless `agent_id` is given (then the key must be scoped to it).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * const result = await executeWorkflow(ctx, {
 *   workflow_id: 'agent data_analysis { name: "Data analysis" }',
 *   parameters: { input_data: 'path/to/data.csv', analysis_type: 'statistical' },
 * });
 * console.log(result.status, result.agent_id, result.system_status.running_agents);
 * ```
 * @param request `{ workflow_id, parameters, agent_id? }`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function executeWorkflow(ctx: Context, request: WorkflowExecutionRequest, options?: CallOptions): Promise<WorkflowExecutionResult> {
  return call(ctx, { name: 'executeWorkflow', method: 'POST', path: '/workflows/execute', body: request, input: WorkflowExecutionRequestSchema, output: WorkflowExecutionResultSchema }, options);
}
