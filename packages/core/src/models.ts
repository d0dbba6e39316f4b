/**
 * Models of the runtime's own endpoints (system, agents, workflows, metrics), each a TypeScript
 * type with the wire's snake_case names and the valibot schema that checks it. They follow the
 * open-source Symbiont runtime v1.19 (`crates/runtime/src/api/types.rs`), except `AgentMetrics`,
 * which only the Enterprise API serves.
 */
import * as v from 'valibot';
import { anyObject, dateTime, enumObject, int, isPlainObject, knownString, oneOf, nullish, type Schema } from './kernel/schemas.ts';

/** The states of an agent, PascalCase on the wire (`Unreachable`: an external agent that stopped sending heartbeats). */
export type AgentState =
  | 'Created' | 'Initializing' | 'Ready' | 'Running' | 'Suspended' | 'Waiting'
  | 'Completed' | 'Failed' | 'Terminating' | 'Terminated' | 'Unreachable';

/** The agent states as constants: `AgentState.RUNNING === 'Running'`. */
export const AgentState = /* @__PURE__ */ enumObject({
  CREATED: 'Created',
  INITIALIZING: 'Initializing',
  READY: 'Ready',
  RUNNING: 'Running',
  SUSPENDED: 'Suspended',
  WAITING: 'Waiting',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  TERMINATING: 'Terminating',
  TERMINATED: 'Terminated',
  UNREACHABLE: 'Unreachable',
});

/** What an external agent reports with `pushAgentEvent`. */
export type AgentEventType = 'RunStarted' | 'RunCompleted' | 'RunFailed';

/** The event types as constants: `AgentEventType.RUN_STARTED === 'RunStarted'`. */
export const AgentEventType = /* @__PURE__ */ enumObject({
  RUN_STARTED: 'RunStarted',
  RUN_COMPLETED: 'RunCompleted',
  RUN_FAILED: 'RunFailed',
});

/** The name of an execution mode, as `getAgentStatus` reports it in `execution_mode`. */
export type ExecutionModeName = 'Persistent' | 'Ephemeral' | 'Scheduled' | 'CronScheduled' | 'EventDriven' | 'External';

/** `{ Scheduled: … }`: run every `interval` (a Rust `Duration`: whole seconds plus nanoseconds). */
export interface ScheduledMode {
  Scheduled: { interval: { secs: number; nanos: number } };
}

/** `{ CronScheduled: … }`: run on a cron expression (`sec min hour day month weekday`) in a timezone. */
export interface CronScheduledMode {
  CronScheduled: { cron_expression: string; timezone: string };
}

/**
 * `{ External: … }`: an agent running elsewhere, which the runtime only monitors. It reports with
 * `sendHeartbeat` and `pushAgentEvent`, and becomes `Unreachable` after 3 × `heartbeat_interval_secs`
 * without a heartbeat.
 */
export interface ExternalMode {
  External: { endpoint?: string | null; agentpin_domain?: string | null; heartbeat_interval_secs: number };
}

/**
 * How the runtime runs an agent: the runtime's externally tagged enum, a plain string for the three
 * modes without settings, a one-key object for the three with settings. The runtime's default is
 * `'Ephemeral'`.
 *
 * @example
 * ```ts
 * const modes: ExecutionMode[] = [
 *   'Persistent', 'Ephemeral', 'EventDriven',
 *   { Scheduled: { interval: { secs: 300, nanos: 0 } } },
 *   { CronScheduled: { cron_expression: '0 0 9 * * *', timezone: 'Europe/Paris' } },
 *   { External: { endpoint: null, agentpin_domain: null, heartbeat_interval_secs: 60 } },
 * ];
 * ```
 */
export type ExecutionMode = 'Persistent' | 'Ephemeral' | 'EventDriven' | ScheduledMode | CronScheduledMode | ExternalMode;

/** `GET /health`. */
export interface HealthResponse {
  status: string;
  uptime_seconds: number;
  timestamp: Date;
  version: string;
  [field: string]: unknown;
}

/** `GET /status`: a roll-up of the runtime's health and counts. */
export interface RuntimeStatus {
  version: string;
  healthy: boolean;
  agent_count: number;
  schedule_count: number;
  channel_count: number;
  [field: string]: unknown;
}

/** `GET /metrics`: agent counts and process figures (unknown fields kept: the runtime may add more). */
export interface RuntimeMetrics {
  agents: { total: number; running: number; idle: number; error: number; [field: string]: unknown };
  /** `memory_usage` in bytes, `cpu_usage` as the runtime measures it. */
  system: { uptime_seconds: number; memory_usage: number; cpu_usage: number; [field: string]: unknown };
  [field: string]: unknown;
}

/** `GET /agents/{agent_id}/metrics` (Enterprise API; not served by the open-source runtime). */
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

/** One agent of `listAgents`. */
export interface AgentSummary {
  /** A UUID. */
  id: string;
  /** The agent's name (may be `""`). */
  name: string;
  state: AgentState | (string & {});
  [field: string]: unknown;
}

/** Resource usage of one agent. */
export interface ResourceUsage {
  memory_bytes: number;
  cpu_percent: number;
  active_tasks: number;
  [field: string]: unknown;
}

/** One event an external agent pushed (`pushAgentEvent`), as `getAgentStatus` returns it. */
export interface AgentEvent {
  event_type: AgentEventType | (string & {});
  payload: unknown;
  timestamp: Date;
  [field: string]: unknown;
}

/** `GET /agents/{agent_id}/status`. The optional fields are sent for external agents only. */
export interface AgentStatusResponse {
  agent_id: string;
  state: AgentState | (string & {});
  last_activity: Date;
  resource_usage: ResourceUsage;
  metadata?: Record<string, string> | null;
  last_result?: string | null;
  /** The last events pushed (at most 100), oldest first. */
  recent_events?: AgentEvent[] | null;
  execution_mode?: ExecutionModeName | (string & {}) | null;
  [field: string]: unknown;
}

/** The body of `createAgent`. */
export interface CreateAgentRequest {
  /** Required, non-empty. */
  name: string;
  /** The agent's DSL source: required and non-empty unless `execution_mode` is `External`. */
  dsl?: string | null;
  /** Default (on the runtime): `'Ephemeral'`. */
  execution_mode?: ExecutionMode | null;
  capabilities?: string[] | null;
  metadata?: Record<string, string> | null;
}

/** What `createAgent` (`status: "scheduled"`), `updateAgent` (`"updated"`) and `deleteAgent` (`"deleted"`) answer. */
export interface AgentOperationResponse {
  id: string;
  status: string;
  [field: string]: unknown;
}

/** The body of `updateAgent`: at least one field, each non-empty. */
export interface AgentUpdateRequest {
  name?: string | null;
  dsl?: string | null;
}

/** What `executeAgent` answers (`status: "execution_started"`). */
export interface AgentExecutionResponse {
  execution_id: string;
  status: string;
  [field: string]: unknown;
}

/** One entry of an agent's history (`status`: `created`, `execution_started`, `workflow_started`). */
export interface AgentExecutionRecord {
  execution_id: string;
  status: string;
  timestamp: Date;
  [field: string]: unknown;
}

/** `GET /agents/{agent_id}/history`: the newest 100 entries. */
export interface AgentHistoryResponse {
  history: AgentExecutionRecord[];
  [field: string]: unknown;
}

/** The body of `sendHeartbeat`. */
export interface HeartbeatRequest {
  /** The state the agent reports. */
  state: AgentState;
  /** Merged into the agent's metadata. */
  metadata?: Record<string, string> | null;
  last_result?: string | null;
  /** An AgentPin JWT, required by runtimes with AgentPin on. A credential: never in an error or log. */
  agentpin_jwt?: string | null;
}

/** The body of `pushAgentEvent`. */
export interface PushEventRequest {
  event_type: AgentEventType;
  /** Any JSON value. */
  payload: unknown;
  /** An AgentPin JWT, required by runtimes with AgentPin on. A credential: never in an error or log. */
  agentpin_jwt?: string | null;
}

/** The body of `executeWorkflow`. */
export interface WorkflowExecutionRequest {
  /** The workflow's **DSL source text**: the runtime parses it (it is not an id). */
  workflow_id: string;
  /** Any JSON value (the key is required; `null` is allowed). */
  parameters: unknown;
  /** A UUID: run the workflow as this agent (then the key must be scoped to it). */
  agent_id?: string | null;
}

/** What `executeWorkflow` answers. */
export interface WorkflowExecutionResult {
  /** `"success"`. */
  status: string;
  workflow_id: string;
  /** The agent that runs it (a fresh UUID when the request gave none). */
  agent_id: string;
  execution_started: boolean;
  metadata: Record<string, unknown>;
  system_status: { total_agents: number; running_agents: number; resource_utilization: Record<string, unknown>; [field: string]: unknown };
  /** The request's parameters (omitted when they were `null`). */
  parameters?: unknown;
  [field: string]: unknown;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

// Hand-written checks (`v.custom`) where valibot's `record`, `union` and `picklist` would cost an
// app several hundred bytes for one field.
const text = /* @__PURE__ */ v.string();
const isText = (value: unknown): value is string => typeof value == 'string';
const isTextOrNull = (value: unknown): boolean => value == null || isText(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
/** An object whose own keys are exactly among `keys` and whose values pass their checks. */
const fits = (value: unknown, checks: Readonly<Record<string, (value: unknown) => boolean>>): boolean =>
  isPlainObject(value) && Object.keys(value).every((key) => key in checks) && Object.entries(checks).every(([key, check]) => check(value[key]));
/** A map of strings (`metadata`). */
const stringMap = /* @__PURE__ */ v.custom<Record<string, string>>((value) => isPlainObject(value) && Object.values(value).every(isText), 'a map of strings');
/** A non-empty string. */
const filled = /* @__PURE__ */ v.custom<string>((value) => isText(value) && value !== '', 'a non-empty string');
/** Any JSON value; the key must be present. */
const anyJson = /* @__PURE__ */ v.custom<unknown>((value) => value !== undefined, 'any JSON value');

export const HealthResponseSchema: Schema<HealthResponse> = /* @__PURE__ */ v.looseObject({
  status: text,
  uptime_seconds: int,
  timestamp: dateTime,
  version: text,
});

export const RuntimeStatusSchema: Schema<RuntimeStatus> = /* @__PURE__ */ v.looseObject({
  version: text,
  healthy: /* @__PURE__ */ v.boolean(),
  agent_count: int,
  schedule_count: int,
  channel_count: int,
});

export const RuntimeMetricsSchema: Schema<RuntimeMetrics> = /* @__PURE__ */ v.looseObject({
  agents: /* @__PURE__ */ v.looseObject({ total: int, running: int, idle: int, error: int }),
  system: /* @__PURE__ */ v.looseObject({ uptime_seconds: int, memory_usage: int, cpu_usage: /* @__PURE__ */ v.number() }),
});

export const AgentMetricsSchema: Schema<AgentMetrics> = /* @__PURE__ */ v.looseObject({
  agent_id: text,
  tasks_completed: int,
  tasks_failed: int,
  average_response_time_ms: /* @__PURE__ */ v.number(),
  memory_usage_bytes: int,
  cpu_usage_percent: /* @__PURE__ */ v.number(),
  last_activity: dateTime,
  uptime_seconds: int,
});

export const AgentSummarySchema: Schema<AgentSummary> = /* @__PURE__ */ v.looseObject({
  id: text,
  name: text,
  state: /* @__PURE__ */ knownString<AgentState>(),
});

export const AgentStatusResponseSchema: Schema<AgentStatusResponse> = /* @__PURE__ */ v.looseObject({
  agent_id: text,
  state: /* @__PURE__ */ knownString<AgentState>(),
  last_activity: dateTime,
  resource_usage: /* @__PURE__ */ v.looseObject({ memory_bytes: int, cpu_percent: /* @__PURE__ */ v.number(), active_tasks: int }),
  metadata: /* @__PURE__ */ nullish(stringMap),
  last_result: /* @__PURE__ */ nullish(text),
  recent_events: /* @__PURE__ */ nullish(
    /* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({ event_type: /* @__PURE__ */ knownString<AgentEventType>(), payload: /* @__PURE__ */ v.unknown(), timestamp: dateTime })),
  ),
  execution_mode: /* @__PURE__ */ nullish(/* @__PURE__ */ knownString<ExecutionModeName>()),
});

export const AgentOperationResponseSchema: Schema<AgentOperationResponse> = /* @__PURE__ */ v.looseObject({
  id: text,
  status: text,
});

export const AgentExecutionResponseSchema: Schema<AgentExecutionResponse> = /* @__PURE__ */ v.looseObject({
  execution_id: text,
  status: text,
});

export const AgentHistoryResponseSchema: Schema<AgentHistoryResponse> = /* @__PURE__ */ v.looseObject({
  history: /* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({ execution_id: text, status: text, timestamp: dateTime })),
});

export const WorkflowExecutionResultSchema: Schema<WorkflowExecutionResult> = /* @__PURE__ */ v.looseObject({
  status: text,
  workflow_id: text,
  agent_id: text,
  execution_started: /* @__PURE__ */ v.boolean(),
  metadata: anyObject,
  system_status: /* @__PURE__ */ v.looseObject({ total_agents: int, running_agents: int, resource_utilization: anyObject }),
});

const MODE_SETTINGS: Readonly<Record<string, (settings: unknown) => boolean>> = {
  Scheduled: (settings) => fits(settings, { interval: (interval) => fits(interval, { secs: isCount, nanos: isCount }) }),
  CronScheduled: (settings) => fits(settings, { cron_expression: isText, timezone: isText }),
  External: (settings) => fits(settings, { endpoint: isTextOrNull, agentpin_domain: isTextOrNull, heartbeat_interval_secs: isCount }),
};

/** The six execution modes, exactly (the runtime answers 422 to anything else). */
export const ExecutionModeSchema: v.GenericSchema<ExecutionMode> = /* @__PURE__ */ oneOf<ExecutionMode>(['Persistent', 'Ephemeral', 'EventDriven', '{ Scheduled }', '{ CronScheduled }', '{ External } (with their settings)'], (mode) => {
  if (isText(mode)) return ['Persistent', 'Ephemeral', 'EventDriven'].includes(mode);
  const [name, more] = isPlainObject(mode) ? Object.keys(mode) : [];
  return name !== undefined && more === undefined && !!MODE_SETTINGS[name]?.((mode as Record<string, unknown>)[name]);
});

const isExternal = (mode: unknown): boolean => isPlainObject(mode) && 'External' in mode;

export const CreateAgentRequestSchema: v.GenericSchema<CreateAgentRequest> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.strictObject({
    name: filled,
    dsl: /* @__PURE__ */ nullish(text),
    execution_mode: /* @__PURE__ */ nullish(ExecutionModeSchema),
    capabilities: /* @__PURE__ */ nullish(/* @__PURE__ */ v.custom<string[]>((value) => Array.isArray(value) && value.every(isText), 'a list of strings')),
    metadata: /* @__PURE__ */ nullish(stringMap),
  }),
  /* @__PURE__ */ v.forward(
    /* @__PURE__ */ v.check((request) => isExternal(request.execution_mode) || !!request.dsl, 'a non-empty DSL source (required unless execution_mode is External)'),
    ['dsl'],
  ),
);

export const AgentUpdateRequestSchema: v.GenericSchema<AgentUpdateRequest> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.strictObject({
    name: /* @__PURE__ */ nullish(filled),
    dsl: /* @__PURE__ */ nullish(filled),
  }),
  /* @__PURE__ */ v.check((update) => update.name != null || update.dsl != null, 'at least one of name and dsl'),
);

export const HeartbeatRequestSchema: v.GenericSchema<HeartbeatRequest> = /* @__PURE__ */ v.strictObject({
  state: /* @__PURE__ */ oneOf(AgentState),
  metadata: /* @__PURE__ */ nullish(stringMap),
  last_result: /* @__PURE__ */ nullish(text),
  agentpin_jwt: /* @__PURE__ */ nullish(text),
});

export const PushEventRequestSchema: v.GenericSchema<PushEventRequest> = /* @__PURE__ */ v.strictObject({
  event_type: /* @__PURE__ */ oneOf(AgentEventType),
  payload: anyJson,
  agentpin_jwt: /* @__PURE__ */ nullish(text),
});

export const WorkflowExecutionRequestSchema: v.GenericSchema<WorkflowExecutionRequest> = /* @__PURE__ */ v.strictObject({
  workflow_id: text,
  parameters: anyJson,
  agent_id: /* @__PURE__ */ nullish(text),
});
