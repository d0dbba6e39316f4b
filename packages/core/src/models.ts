/**
 * Models of the runtime's own endpoints (system, agents, workflows, metrics), each a TypeScript
 * type with the wire's snake_case names and the valibot schema that checks it.
 */
import * as v from 'valibot';
import { anyObject, dateTime, enumObject, int, knownString, type Schema } from './kernel/schemas.ts';

/** States an agent can be in. The live runtime also sends `Running`, `Ready`, … : any string is accepted. */
export type AgentState =
  | 'idle' | 'active' | 'busy' | 'error' | 'stopped'
  | 'Created' | 'Initializing' | 'Ready' | 'Running' | 'Suspended' | 'Waiting' | 'Completed' | 'Failed' | 'Terminating' | 'Terminated';

/** The agent states as constants: `AgentState.ACTIVE === 'active'`. */
export const AgentState = enumObject({
  IDLE: 'idle',
  ACTIVE: 'active',
  BUSY: 'busy',
  ERROR: 'error',
  STOPPED: 'stopped',
});

/** `GET /health`. */
export interface HealthResponse {
  status: string;
  uptime_seconds: number;
  timestamp: Date;
  version: string;
  [field: string]: unknown;
}

/** An agent definition, as sent to `createAgent`. All fields are required. */
export interface Agent {
  id: string;
  name: string;
  description: string;
  system_prompt: string;
  tools: string[];
  model: string;
  temperature: number;
  top_p: number;
  max_tokens: number;
}

/** Resource usage of one agent. */
export interface ResourceUsage {
  memory_bytes: number;
  cpu_percent: number;
  active_tasks: number;
  [field: string]: unknown;
}

/** `GET /agents/{agent_id}/status`. */
export interface AgentStatusResponse {
  agent_id: string;
  state: AgentState | (string & {});
  last_activity: Date;
  resource_usage: ResourceUsage;
  [field: string]: unknown;
}

/** The body of `executeWorkflow`. */
export interface WorkflowExecutionRequest {
  workflow_id: string;
  parameters: Record<string, unknown>;
  agent_id?: string;
}

/** `GET /metrics`. */
export interface SystemMetrics {
  uptime_seconds: number;
  memory_usage_bytes: number;
  memory_usage_percent: number;
  cpu_usage_percent: number;
  disk_usage_bytes: number;
  disk_usage_percent: number;
  active_agents: number;
  total_agents: number;
  secrets_count: number;
  mcp_connections: number;
  vector_db_items: number;
  [field: string]: unknown;
}

/** `GET /agents/{agent_id}/metrics`. */
export interface AgentMetrics {
  agent_id: string;
  tasks_completed: number;
  tasks_failed: number;
  average_response_time_ms: number;
  memory_usage_bytes: number;
  cpu_usage_percent: number;
  last_activity: Date;
  uptime_seconds: number;
  [field: string]: unknown;
}

/** What `createAgent`, `updateAgent` and `deleteAgent` answer. */
export interface AgentOperationResponse {
  id: string;
  status: string;
  [field: string]: unknown;
}

/** The body of `updateAgent`. */
export interface AgentUpdateRequest {
  name?: string;
  dsl?: string;
}

/** What `executeAgent` answers. */
export interface AgentExecutionResponse {
  execution_id: string;
  status: string;
  [field: string]: unknown;
}

/** One past execution of an agent. */
export interface AgentHistoryEntry {
  execution_id: string;
  status: string;
  timestamp: Date;
  [field: string]: unknown;
}

/** `GET /agents/{agent_id}/history`. */
export interface AgentHistoryResponse {
  history: AgentHistoryEntry[];
  [field: string]: unknown;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

export const HealthResponseSchema: Schema<HealthResponse> = v.looseObject({
  status: v.string(),
  uptime_seconds: int,
  timestamp: dateTime,
  version: v.string(),
});

export const AgentSchema: Schema<Agent> = v.strictObject({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  system_prompt: v.string(),
  tools: v.array(v.string()),
  model: v.string(),
  temperature: v.number(),
  top_p: v.number(),
  max_tokens: int,
});

export const AgentStatusResponseSchema: Schema<AgentStatusResponse> = v.looseObject({
  agent_id: v.string(),
  state: knownString<AgentState>(),
  last_activity: dateTime,
  resource_usage: v.looseObject({ memory_bytes: int, cpu_percent: v.number(), active_tasks: int }),
});

export const WorkflowExecutionRequestSchema: Schema<WorkflowExecutionRequest> = v.strictObject({
  workflow_id: v.string(),
  parameters: anyObject,
  agent_id: v.optional(v.string()),
});

export const SystemMetricsSchema: Schema<SystemMetrics> = v.looseObject({
  uptime_seconds: int,
  memory_usage_bytes: int,
  memory_usage_percent: v.number(),
  cpu_usage_percent: v.number(),
  disk_usage_bytes: int,
  disk_usage_percent: v.number(),
  active_agents: int,
  total_agents: int,
  secrets_count: int,
  mcp_connections: int,
  vector_db_items: int,
});

export const AgentMetricsSchema: Schema<AgentMetrics> = v.looseObject({
  agent_id: v.string(),
  tasks_completed: int,
  tasks_failed: int,
  average_response_time_ms: v.number(),
  memory_usage_bytes: int,
  cpu_usage_percent: v.number(),
  last_activity: dateTime,
  uptime_seconds: int,
});

export const AgentOperationResponseSchema: Schema<AgentOperationResponse> = v.looseObject({
  id: v.string(),
  status: v.string(),
});

export const AgentUpdateRequestSchema: Schema<AgentUpdateRequest> = v.strictObject({
  name: v.optional(v.string()),
  dsl: v.optional(v.string()),
});

export const AgentExecutionResponseSchema: Schema<AgentExecutionResponse> = v.looseObject({
  execution_id: v.string(),
  status: v.string(),
});

export const AgentHistoryResponseSchema: Schema<AgentHistoryResponse> = v.looseObject({
  history: v.array(v.looseObject({ execution_id: v.string(), status: v.string(), timestamp: dateTime })),
});
