/**
 * The runtime's own endpoints: health and probes, status, metrics, agents, external agents'
 * heartbeats and events, workflows (contract: "Runtime: system, agents, workflows"). They answer as
 * the open-source runtime v1.19 does (`routes.rs`, `lib.rs`): UUID agent ids (a non-UUID is 400
 * `text/plain`), bodies of the wrong shape 422 `text/plain`, and the runtime's statuses and codes
 * for handler errors, including its 500s for an unknown agent on update, delete and execute.
 *
 * Beyond the runtime, where it cannot be copied:
 * - an agent's `Unreachable` state is computed when it is read (the runtime checks every 30 s);
 * - `POST /workflows/execute` checks only that `workflow_id` looks like DSL (a `{ … }` block with
 *   balanced braces; otherwise 500 `WORKFLOW_EXECUTION_FAILED`), and takes `metadata.name` from its
 *   first `name: "…"`;
 * - resource figures are fixed, plausible numbers;
 * - with `enterprise: true`, `GET /metrics` also carries the Enterprise domains' counts
 *   (`secrets_count`, `mcp_connections`, `vector_db_items`) beside the runtime's `agents` and `system`;
 * - `GET /agents/{agent_id}/metrics` is the Enterprise route (reference SDK), served only with
 *   `enterprise: true`.
 */
import { HttpError, json, notFound, runtimeError, unprocessable } from '../responses.ts';
import type { Route, RouteRequest } from '../routes.ts';
import { canonicalUuid } from '../server.ts';
import { newAgentRecord, newId, type AgentRecord, type State } from '../state.ts';
import { isObject } from '../validate.ts';

/** Version string `GET /health` and `GET /status` report. */
export const MOCK_VERSION = '0.1.0-mock';

/** The runtime's agent states (`AgentState`). */
export const AGENT_STATES = ['Created', 'Initializing', 'Ready', 'Running', 'Suspended', 'Waiting', 'Completed', 'Failed', 'Terminating', 'Terminated', 'Unreachable'];
/** The event types an external agent may push. */
export const AGENT_EVENT_TYPES = ['RunStarted', 'RunCompleted', 'RunFailed'];
/** Events kept per external agent. */
export const MAX_EVENTS = 100;
/** History entries returned. */
export const MAX_HISTORY = 100;

// Fixed, plausible resource figures so responses are deterministic.
const PROCESS_MEMORY_BYTES = 134_217_728;
const AGENT_MEMORY_BYTES = 16_777_216;

const seconds = (sinceMs: number): number => Math.max(0, Math.floor((Date.now() - sinceMs) / 1000));
const iso = (ms: number): string => new Date(ms).toISOString();
const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'sequence' : typeof value === 'object' ? 'map' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'floating point') : typeof value;

// ── Body shapes, checked as serde would (422 text/plain on a mismatch) ──────────────────────

/** Checks one value; returns what was expected when it does not fit. */
type Check = (value: unknown) => string | undefined;

const isUuid = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value);
const text: Check = (value) => (typeof value === 'string' ? undefined : 'a string');
const u64: Check = (value) => (Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'u64');
const strings: Check = (value) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'a sequence of strings');
const stringMap: Check = (value) => (isObject(value) && Object.values(value).every((item) => typeof item === 'string') ? undefined : 'a map of strings');
const anyJson: Check = (value) => (value === undefined ? 'any JSON value' : undefined);
const uuid: Check = (value) => (isUuid(value) ? undefined : 'a UUID');
const optional = (check: Check): Check => (value) => (value == null ? undefined : check(value));
const oneOf = (names: readonly string[]): Check => (value) => (typeof value === 'string' && names.includes(value) ? undefined : `one of ${names.join(', ')}`);
const struct = (fields: Readonly<Record<string, Check>>): Check => (value) => {
  if (!isObject(value)) return 'a struct';
  for (const [name, check] of Object.entries(fields)) if (check(value[name]) !== undefined) return `${name}: ${check(value[name])}`;
  return undefined;
};

const executionMode: Check = (value) => {
  if (typeof value === 'string') return ['Persistent', 'Ephemeral', 'EventDriven'].includes(value) ? undefined : `unknown variant \`${value}\``;
  const keys = isObject(value) ? Object.keys(value) : [];
  const settings = isObject(value) ? value[keys[0] ?? ''] : undefined;
  const checks: Readonly<Record<string, Check>> = {
    Scheduled: struct({ interval: struct({ secs: u64, nanos: u64 }) }),
    CronScheduled: struct({ cron_expression: text, timezone: text }),
    External: struct({ endpoint: optional(text), agentpin_domain: optional(text), heartbeat_interval_secs: u64 }),
  };
  const check = keys.length === 1 ? checks[keys[0] ?? ''] : undefined;
  if (check === undefined) return 'enum ExecutionMode';
  const problem = check(settings);
  return problem === undefined ? undefined : `${keys[0]}: ${problem}`;
};

/** Throws the runtime's 422 unless `body` is an object whose fields pass their checks (unknown fields are ignored, as serde does). */
function shape<T>(body: unknown, type: string, fields: Readonly<Record<string, Check>>): asserts body is T {
  if (!isObject(body)) throw unprocessable(`invalid type: ${kind(body)}, expected struct ${type}`);
  for (const [name, check] of Object.entries(fields)) {
    const problem = check(body[name]);
    if (problem === undefined) continue;
    throw unprocessable(body[name] === undefined ? `missing field \`${name}\`` : `${name}: invalid type: ${kind(body[name])}, expected ${problem}`);
  }
}

// ── Agents ─────────────────────────────────────────────────────────────────────────────────

/** Marks an external agent `Unreachable` once its last heartbeat is older than 3 × its interval. */
function refresh(record: AgentRecord): AgentRecord {
  const external = record.external;
  if (external?.lastHeartbeat !== undefined && record.state !== 'Unreachable' && Date.now() - external.lastHeartbeat > 3 * external.intervalSecs * 1000) {
    record.state = 'Unreachable';
  }
  return record;
}

const agentsOf = (state: State): AgentRecord[] => [...state.agents.values()].map(refresh);
const agentId = (req: RouteRequest): string => req.params.agent_id ?? '';

/** The label `execution_mode` of a status: the mode's name. */
function modeName(mode: unknown): string {
  return typeof mode === 'string' ? mode : isObject(mode) ? (Object.keys(mode)[0] ?? 'Ephemeral') : 'Ephemeral';
}

function history(record: AgentRecord, status: string, executionId: string): void {
  record.history.push({ execution_id: executionId, status, timestamp: iso(Date.now()) });
}

/** `{ total_agents, running_agents, resource_utilization }` of a workflow result. */
function systemStatus(state: State): Record<string, unknown> {
  const agents = agentsOf(state);
  return {
    total_agents: agents.length,
    running_agents: agents.filter((record) => record.state === 'Running').length,
    resource_utilization: { memory_used: PROCESS_MEMORY_BYTES, cpu_utilization: 3.5, disk_io_rate: 0, network_io_rate: 0 },
  };
}

/** The external agent `id` names, or the runtime's 404 with `code`. */
function externalAgent(state: State, id: string, code: string): AgentRecord & { external: NonNullable<AgentRecord['external']> } {
  const record = state.agents.get(id);
  if (record?.external === undefined) throw runtimeError(404, code, `Internal error: Agent ${id} is not an external agent`);
  return record as AgentRecord & { external: NonNullable<AgentRecord['external']> };
}

const AGENT = { uuid: ['agent_id'] } as const;
const AGENT_JSON = { uuid: ['agent_id'], json: true } as const;

/** Core routes the open-source runtime serves, registered by `startMockRuntime`. */
export const coreRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/health',
    public: true,
    handler: (_req, state) =>
      json({ status: 'healthy', uptime_seconds: seconds(state.startedAt), timestamp: state.now().toISOString(), version: MOCK_VERSION }),
  },
  { method: 'GET', pattern: '/health/live', public: true, handler: () => ({ status: 200 }) },
  { method: 'GET', pattern: '/health/ready', public: true, handler: (_req, state) => ({ status: Date.now() >= state.readyAt ? 200 : 503 }) },
  {
    method: 'GET',
    pattern: '/status',
    handler: (_req, state) =>
      json({
        version: MOCK_VERSION,
        healthy: true,
        agent_count: state.agents.size,
        schedule_count: state.counters.schedule_count(),
        channel_count: state.counters.channel_count(),
      }),
  },
  {
    method: 'GET',
    pattern: '/metrics',
    handler: (_req, state) => {
      const agents = agentsOf(state);
      const running = agents.filter((record) => record.state === 'Running').length;
      const error = agents.filter((record) => record.state === 'Failed').length;
      return json({
        agents: { total: agents.length, running, idle: Math.max(0, agents.length - running - error), error },
        system: { uptime_seconds: seconds(state.startedAt), memory_usage: PROCESS_MEMORY_BYTES, cpu_usage: 3.5 },
        // The Enterprise domains' counts (the reference's flat fields), only where they are served.
        ...(state.enterprise
          ? { secrets_count: state.counters.secrets_count(), mcp_connections: state.counters.mcp_connections(), vector_db_items: state.counters.vector_db_items() }
          : {}),
      });
    },
  },
  {
    method: 'GET',
    pattern: '/agents',
    handler: (_req, state) => json(agentsOf(state).map((record) => ({ id: record.agent.id, name: record.agent.name, state: record.state }))),
  },
  {
    method: 'POST',
    pattern: '/agents',
    extract: { json: true },
    handler: (req, state) => {
      type Body = { name: string; dsl?: string | null; execution_mode?: unknown; capabilities?: string[] | null; metadata?: Record<string, string> | null };
      shape<Body>(req.body, 'CreateAgentRequest', {
        name: text,
        dsl: optional(text),
        execution_mode: optional(executionMode),
        capabilities: optional(strings),
        metadata: optional(stringMap),
      });
      const { name, dsl, execution_mode: mode = 'Ephemeral', capabilities, metadata } = req.body;
      const fail = (reason: string): HttpError => runtimeError(500, 'AGENT_CREATION_FAILED', `Internal error: ${reason}`);
      if (name === '') throw fail('Agent name cannot be empty');
      const external = isObject(mode) && isObject(mode.External) ? mode.External : undefined;
      if (external === undefined && !dsl) throw fail('Agent DSL cannot be empty for non-external agents');
      const now = Date.now();
      const id = newId();
      const record = newAgentRecord({ id, name }, now, {
        dsl: dsl ?? '',
        state: external === undefined ? 'Ready' : 'Created',
        executionMode: mode ?? 'Ephemeral',
        capabilities: [...(capabilities ?? [])],
        metadata: { ...(metadata ?? {}) },
        external:
          external === undefined
            ? undefined
            : { intervalSecs: external.heartbeat_interval_secs as number, lastHeartbeat: undefined, metadata: {}, lastResult: undefined, events: [] },
      });
      history(record, 'created', id);
      state.agents.set(id, record);
      return json({ id, status: 'scheduled' });
    },
  },
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/status',
    extract: AGENT,
    handler: (req, state) => {
      const id = agentId(req);
      const found = state.agents.get(id);
      if (found === undefined) throw runtimeError(404, 'AGENT_NOT_FOUND', `Internal error: Agent ${id} not found`);
      const record = refresh(found);
      const external = record.external;
      return json({
        agent_id: id,
        state: record.state,
        last_activity: iso(external === undefined ? record.lastActivity : (external.lastHeartbeat ?? Date.now())),
        resource_usage:
          external === undefined
            ? { memory_bytes: AGENT_MEMORY_BYTES, cpu_percent: record.state === 'Running' ? 0.5 : 0, active_tasks: record.state === 'Running' ? 1 : 0 }
            : { memory_bytes: 0, cpu_percent: 0, active_tasks: 0 },
        ...(external === undefined
          ? {}
          : {
              metadata: { ...external.metadata },
              ...(external.lastResult === undefined ? {} : { last_result: external.lastResult }),
              recent_events: external.events.map((event) => ({ ...event })),
            }),
        execution_mode: modeName(record.executionMode),
      });
    },
  },
  {
    method: 'PUT',
    pattern: '/agents/{agent_id}',
    extract: AGENT_JSON,
    handler: (req, state) => {
      shape<{ name?: string | null; dsl?: string | null }>(req.body, 'UpdateAgentRequest', { name: optional(text), dsl: optional(text) });
      const id = agentId(req);
      const { name, dsl } = req.body;
      const fail = (reason: string): HttpError => runtimeError(500, 'AGENT_UPDATE_FAILED', reason);
      if (name == null && dsl == null) throw fail('Internal error: At least one field (name or dsl) must be provided for update');
      if (name === '') throw fail('Internal error: Agent name cannot be empty');
      if (dsl === '') throw fail('Internal error: Agent DSL cannot be empty');
      const record = state.agents.get(id);
      if (record === undefined) throw fail(`Scheduler error: Agent not found: ${id}`);
      if (name != null) record.agent.name = name;
      if (dsl != null) record.dsl = dsl;
      record.lastActivity = Date.now();
      return json({ id, status: 'updated' });
    },
  },
  {
    method: 'DELETE',
    pattern: '/agents/{agent_id}',
    extract: AGENT,
    handler: (req, state) => {
      const id = agentId(req);
      if (!state.agents.delete(id)) throw runtimeError(500, 'AGENT_DELETION_FAILED', `Scheduler error: Agent not found: ${id}`);
      return json({ id, status: 'deleted' });
    },
  },
  {
    method: 'POST',
    pattern: '/agents/{agent_id}/execute',
    extract: AGENT_JSON,
    handler: (req, state) => {
      // `ExecuteAgentRequest` is an empty struct: any object passes, its fields are discarded.
      shape(req.body, 'ExecuteAgentRequest', {});
      const id = agentId(req);
      const record = state.agents.get(id);
      const fail = (reason: string): HttpError => runtimeError(500, 'AGENT_EXECUTION_FAILED', `Internal error: ${reason}`);
      if (record === undefined) throw fail(`Agent ${id} not found`);
      if (record.external !== undefined) throw fail(`Agent ${id} is an external agent: the runtime does not run it`);
      const executionId = newId();
      record.state = 'Running';
      record.lastActivity = Date.now();
      history(record, 'execution_started', executionId);
      return json({ execution_id: executionId, status: 'execution_started' });
    },
  },
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/history',
    extract: AGENT,
    handler: (req, state) => json({ history: (state.agents.get(agentId(req))?.history ?? []).slice(-MAX_HISTORY).map((entry) => ({ ...entry })) }),
  },
  {
    method: 'POST',
    pattern: '/agents/{agent_id}/heartbeat',
    extract: AGENT_JSON,
    handler: (req, state) => {
      shape<{ state: string; metadata?: Record<string, string> | null; last_result?: string | null }>(req.body, 'HeartbeatRequest', {
        state: oneOf(AGENT_STATES),
        metadata: optional(stringMap),
        last_result: optional(text),
        agentpin_jwt: optional(text),
      });
      const record = externalAgent(state, agentId(req), 'HEARTBEAT_FAILED');
      const now = Date.now();
      record.state = req.body.state;
      record.lastActivity = now;
      record.external.lastHeartbeat = now;
      Object.assign(record.external.metadata, req.body.metadata ?? {});
      if (req.body.last_result != null) record.external.lastResult = req.body.last_result;
      return { status: 200 };
    },
  },
  {
    method: 'POST',
    pattern: '/agents/{agent_id}/events',
    extract: AGENT_JSON,
    handler: (req, state) => {
      shape<{ event_type: string; payload: unknown }>(req.body, 'PushEventRequest', {
        event_type: oneOf(AGENT_EVENT_TYPES),
        payload: anyJson,
        agentpin_jwt: optional(text),
      });
      const record = externalAgent(state, agentId(req), 'PUSH_EVENT_FAILED');
      const events = record.external.events;
      events.push({ event_type: req.body.event_type, payload: req.body.payload, timestamp: iso(Date.now()) });
      events.splice(0, Math.max(0, events.length - MAX_EVENTS));
      return { status: 200 };
    },
  },
  {
    method: 'POST',
    pattern: '/workflows/execute',
    extract: { json: true },
    handler: (req, state) => {
      shape<{ workflow_id: string; parameters: unknown; agent_id?: string | null }>(req.body, 'WorkflowExecutionRequest', {
        workflow_id: text,
        parameters: anyJson,
        agent_id: optional(uuid),
      });
      const { workflow_id, parameters, agent_id } = req.body;
      let depth = 0;
      let balanced = workflow_id.includes('{');
      for (const char of workflow_id) {
        depth += char === '{' ? 1 : char === '}' ? -1 : 0;
        if (depth < 0) balanced = false;
      }
      if (!balanced || depth !== 0) throw runtimeError(500, 'WORKFLOW_EXECUTION_FAILED', 'Internal error: DSL contains syntax errors');
      const name = /name\s*:\s*"([^"]*)"/.exec(workflow_id)?.[1];
      const id = (agent_id == null ? undefined : canonicalUuid(agent_id)) ?? newId();
      const now = Date.now();
      const record =
        state.agents.get(id) ?? newAgentRecord({ id, name: name ?? 'workflow_agent' }, now, { dsl: workflow_id, capabilities: ['Computation'] });
      record.state = 'Running';
      record.lastActivity = now;
      history(record, 'workflow_started', id);
      state.agents.set(id, record);
      return json({
        status: 'success',
        workflow_id,
        agent_id: id,
        execution_started: true,
        metadata: name === undefined ? {} : { name },
        system_status: systemStatus(state),
        ...(parameters === null ? {} : { parameters }),
      });
    },
  },
];

/** Core routes of the Enterprise API only (the reference SDK's agent metrics); left out with `enterprise: false`. */
export const coreEnterpriseRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/metrics',
    enterprise: true,
    handler: (req, state) => {
      const id = agentId(req);
      const record = state.agents.get(id);
      if (record === undefined) throw notFound('agent', id);
      const completed = record.history.filter((entry) => entry.status === 'execution_started').length;
      return json({
        agent_id: id,
        tasks_completed: completed,
        tasks_failed: record.tasksFailed,
        average_response_time_ms: completed > 0 ? 42.5 : 0,
        memory_usage_bytes: AGENT_MEMORY_BYTES,
        cpu_usage_percent: 0.5,
        last_activity: iso(record.lastActivity),
        uptime_seconds: seconds(record.createdAt),
      });
    },
  },
];
