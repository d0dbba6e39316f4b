/**
 * `@symbiont/core`: the context, the errors, and the Symbiont runtime's own endpoints (health,
 * agents, workflows, metrics). Browser-, edge- and server-safe: nothing here needs Node.
 *
 * Served by the open-source Symbiont runtime, except `getAgentMetrics` (Enterprise / hosted API:
 * the open-source runtime answers 404 with an empty body, a `NotFoundError` saying it does not
 * serve the route).
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
export { isLive } from './isLive.ts';
export { isReady } from './isReady.ts';
export { getRuntimeStatus } from './getRuntimeStatus.ts';
export { getMetrics } from './getMetrics.ts';
export { getAgentMetrics } from './getAgentMetrics.ts';
export { listAgents } from './listAgents.ts';
export { getAgentStatus } from './getAgentStatus.ts';
export { createAgent } from './createAgent.ts';
export { updateAgent } from './updateAgent.ts';
export { deleteAgent } from './deleteAgent.ts';
export { executeAgent } from './executeAgent.ts';
export { getAgentHistory } from './getAgentHistory.ts';
export { sendHeartbeat } from './sendHeartbeat.ts';
export { pushAgentEvent } from './pushAgentEvent.ts';
export { executeWorkflow } from './executeWorkflow.ts';
export {
  AgentState,
  AgentEventType,
  type AgentEvent,
  type AgentExecutionRecord,
  type AgentExecutionResponse,
  type AgentHistoryResponse,
  type AgentMetrics,
  type AgentOperationResponse,
  type AgentStatusResponse,
  type AgentSummary,
  type AgentUpdateRequest,
  type CreateAgentRequest,
  type CronScheduledMode,
  type ExecutionMode,
  type ExecutionModeName,
  type ExternalMode,
  type HealthResponse,
  type HeartbeatRequest,
  type PushEventRequest,
  type ResourceUsage,
  type RuntimeMetrics,
  type RuntimeStatus,
  type ScheduledMode,
  type WorkflowExecutionRequest,
  type WorkflowExecutionResult,
} from './models.ts';
