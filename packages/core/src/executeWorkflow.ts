import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { anyObject } from './kernel/schemas.ts';
import { WorkflowExecutionRequestSchema } from './models.ts';
import type { WorkflowExecutionRequest } from './models.ts';

/**
 * Execute a workflow. `POST /workflows/execute`; the runtime answers free-form JSON.
 *
 * @example
 * ```ts
 * const result = await executeWorkflow(ctx, {
 *   workflow_id: 'data-analysis-workflow',
 *   parameters: { input_data: 'path/to/data.csv', analysis_type: 'statistical' },
 *   agent_id: 'agent-123',
 * });
 * ```
 * @param request The request body.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function executeWorkflow(ctx: Context, request: WorkflowExecutionRequest, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'executeWorkflow', method: 'POST', path: '/workflows/execute', body: request, input: WorkflowExecutionRequestSchema, output: anyObject }, options);
}
