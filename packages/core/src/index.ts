/**
 * `@symbiont/core`: the context, the errors, and the Symbiont runtime's own endpoints (health,
 * agents, workflows, metrics). Browser-, edge- and server-safe: nothing here needs Node.
 *
 * @packageDocumentation
 */
export { createContext, type Context, type ContextConfig } from './createContext.ts';
export type { Hooks, HookInfo } from './hooks.ts';
export type { CallOptions } from './kernel/options.ts';
export {
  SymbiontError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ConnectionError,
  TimeoutError,
  ValidationError,
  ResponseValidationError,
  ConfigurationError,
  type APIErrorInit,
  type RequestSummary,
  type ValidationIssue,
} from './errors.ts';
export { request, type RequestSpec } from './request.ts';
export { healthCheck } from './healthCheck.ts';
export { getMetrics } from './getMetrics.ts';
export { getAgentMetrics } from './getAgentMetrics.ts';
export { listAgents } from './listAgents.ts';
export { getAgentStatus } from './getAgentStatus.ts';
export { createAgent } from './createAgent.ts';
export { updateAgent } from './updateAgent.ts';
export { deleteAgent } from './deleteAgent.ts';
export { executeAgent } from './executeAgent.ts';
export { getAgentHistory } from './getAgentHistory.ts';
export { executeWorkflow } from './executeWorkflow.ts';
export {
  AgentState,
  type Agent,
  type AgentExecutionResponse,
  type AgentHistoryEntry,
  type AgentHistoryResponse,
  type AgentMetrics,
  type AgentOperationResponse,
  type AgentStatusResponse,
  type AgentUpdateRequest,
  type HealthResponse,
  type ResourceUsage,
  type SystemMetrics,
  type WorkflowExecutionRequest,
} from './models.ts';
