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
export const AgentState = /* @__PURE__ */ enumObject({
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
  agent_id?: string | null;
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
  name?: string | null;
  dsl?: string | null;
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

export const HealthResponseSchema: Schema<HealthResponse> = /* @__PURE__ */ v.looseObject({
  status: /* @__PURE__ */ v.string(),
  uptime_seconds: int,
  timestamp: dateTime,
  version: /* @__PURE__ */ v.string(),
});

export const AgentSchema: Schema<Agent> = /* @__PURE__ */ v.strictObject({
  id: /* @__PURE__ */ v.string(),
  name: /* @__PURE__ */ v.string(),
  description: /* @__PURE__ */ v.string(),
  system_prompt: /* @__PURE__ */ v.string(),
  tools: /* @__PURE__ */ v.array(/* @__PURE__ */ v.string()),
  model: /* @__PURE__ */ v.string(),
  temperature: /* @__PURE__ */ v.number(),
  top_p: /* @__PURE__ */ v.number(),
  max_tokens: int,
});

export const AgentStatusResponseSchema: Schema<AgentStatusResponse> = /* @__PURE__ */ v.looseObject({
  agent_id: /* @__PURE__ */ v.string(),
  state: /* @__PURE__ */ knownString<AgentState>(),
  last_activity: dateTime,
  resource_usage: /* @__PURE__ */ v.looseObject({ memory_bytes: int, cpu_percent: /* @__PURE__ */ v.number(), active_tasks: int }),
});

export const WorkflowExecutionRequestSchema: Schema<WorkflowExecutionRequest> = /* @__PURE__ */ v.strictObject({
  workflow_id: /* @__PURE__ */ v.string(),
  parameters: anyObject,
  agent_id: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
});

export const SystemMetricsSchema: Schema<SystemMetrics> = /* @__PURE__ */ v.looseObject({
  uptime_seconds: int,
  memory_usage_bytes: int,
  memory_usage_percent: /* @__PURE__ */ v.number(),
  cpu_usage_percent: /* @__PURE__ */ v.number(),
  disk_usage_bytes: int,
  disk_usage_percent: /* @__PURE__ */ v.number(),
  active_agents: int,
  total_agents: int,
  secrets_count: int,
  mcp_connections: int,
  vector_db_items: int,
});

export const AgentMetricsSchema: Schema<AgentMetrics> = /* @__PURE__ */ v.looseObject({
  agent_id: /* @__PURE__ */ v.string(),
  tasks_completed: int,
  tasks_failed: int,
  average_response_time_ms: /* @__PURE__ */ v.number(),
  memory_usage_bytes: int,
  cpu_usage_percent: /* @__PURE__ */ v.number(),
  last_activity: dateTime,
  uptime_seconds: int,
});

export const AgentOperationResponseSchema: Schema<AgentOperationResponse> = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ v.string(),
});

export const AgentUpdateRequestSchema: Schema<AgentUpdateRequest> = /* @__PURE__ */ v.strictObject({
  name: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  dsl: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
});

export const AgentExecutionResponseSchema: Schema<AgentExecutionResponse> = /* @__PURE__ */ v.looseObject({
  execution_id: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ v.string(),
});

export const AgentHistoryResponseSchema: Schema<AgentHistoryResponse> = /* @__PURE__ */ v.looseObject({
  history: /* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({ execution_id: /* @__PURE__ */ v.string(), status: /* @__PURE__ */ v.string(), timestamp: dateTime })),
});
