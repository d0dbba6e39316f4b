/** The runtime's own endpoints: health, metrics, agents, workflows (contract: "Runtime: system, agents, workflows, metrics"). */
import { HttpError, json, notFound } from '../responses.ts';
import type { Route } from '../routes.ts';
import { newAgentRecord, newId, type Agent, type AgentRecord, type State } from '../state.ts';
import { assertShape, isObject, type Shape } from '../validate.ts';

/** Version string `GET /health` reports. */
export const MOCK_VERSION = '0.1.0-mock';

const AGENT_SHAPE: Shape = {
  id: 'string',
  name: 'string',
  description: 'string',
  system_prompt: 'string',
  tools: 'string[]',
  model: 'string',
  temperature: 'number',
  top_p: 'number',
  max_tokens: 'integer',
};

// Fixed, plausible resource figures so responses are deterministic.
const PROCESS_MEMORY_BYTES = 134_217_728;
const AGENT_MEMORY_BYTES = 16_777_216;

function seconds(sinceMs: number): number {
  return Math.max(0, Math.floor((Date.now() - sinceMs) / 1000));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function findAgent(state: State, id: string): AgentRecord {
  const record = state.agents.get(id);
  if (record === undefined) throw notFound('agent', id);
  return record;
}

/** Agents counted as active in `GET /metrics`: every agent not `stopped` or in `error`. */
function isActive(record: AgentRecord): boolean {
  return record.state !== 'stopped' && record.state !== 'error';
}

/** Core routes, registered by `startMockRuntime`. */
export const coreRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/health',
    public: true,
    handler: (_req, state) =>
      json({ status: 'healthy', uptime_seconds: seconds(state.startedAt), timestamp: state.now().toISOString(), version: MOCK_VERSION }),
  },
  {
    method: 'GET',
    pattern: '/metrics',
    handler: (_req, state) => {
      const agents = [...state.agents.values()];
      return json({
        uptime_seconds: seconds(state.startedAt),
        memory_usage_bytes: PROCESS_MEMORY_BYTES,
        memory_usage_percent: 12.5,
        cpu_usage_percent: 3.5,
        disk_usage_bytes: 1_073_741_824,
        disk_usage_percent: 10,
        active_agents: agents.filter(isActive).length,
        total_agents: agents.length,
        secrets_count: state.counters.secrets_count(),
        mcp_connections: state.counters.mcp_connections(),
        vector_db_items: state.counters.vector_db_items(),
      });
    },
  },
  {
    method: 'GET',
    pattern: '/agents',
    handler: (_req, state) => json([...state.agents.keys()]),
  },
  {
    method: 'POST',
    pattern: '/agents',
    handler: (req, state) => {
      assertShape<Agent>(req.body, AGENT_SHAPE);
      const body = req.body;
      if (state.agents.has(body.id)) throw new HttpError(409, 'CONFLICT', `agent '${body.id}' already exists`);
      const agent: Agent = {
        id: body.id,
        name: body.name,
        description: body.description,
        system_prompt: body.system_prompt,
        tools: [...body.tools],
        model: body.model,
        temperature: body.temperature,
        top_p: body.top_p,
        max_tokens: body.max_tokens,
      };
      state.agents.set(agent.id, newAgentRecord(agent, Date.now()));
      return json({ id: agent.id, status: 'created' });
    },
  },
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/status',
    handler: (req, state) => {
      const record = findAgent(state, req.params.agent_id ?? '');
      return json({
        agent_id: record.agent.id,
        state: record.state,
        last_activity: iso(record.lastActivity),
        resource_usage: { memory_bytes: AGENT_MEMORY_BYTES, cpu_percent: 0.5, active_tasks: 0 },
      });
    },
  },
  {
    method: 'PUT',
    pattern: '/agents/{agent_id}',
    handler: (req, state) => {
      const record = findAgent(state, req.params.agent_id ?? '');
      assertShape<{ name?: string; dsl?: string }>(req.body, { name: 'string?', dsl: 'string?' });
      const { name, dsl } = req.body;
      if (name !== undefined) record.agent.name = name;
      if (dsl !== undefined) record.dsl = dsl;
      record.lastActivity = Date.now();
      return json({ id: record.agent.id, status: 'updated' });
    },
  },
  {
    method: 'DELETE',
    pattern: '/agents/{agent_id}',
    handler: (req, state) => {
      const record = findAgent(state, req.params.agent_id ?? '');
      state.agents.delete(record.agent.id);
      return json({ id: record.agent.id, status: 'deleted' });
    },
  },
  {
    method: 'POST',
    pattern: '/agents/{agent_id}/execute',
    handler: (req, state) => {
      const record = findAgent(state, req.params.agent_id ?? '');
      // The SDK sends `{}`; a missing body is tolerated, any non-object is not.
      if (req.body !== undefined && !isObject(req.body)) {
        throw new HttpError(400, 'VALIDATION_ERROR', 'request body must be a JSON object', {
          details: { issues: [{ path: '', expected: 'a JSON object' }] },
        });
      }
      const now = Date.now();
      const execution = { execution_id: newId(), status: 'completed', timestamp: iso(now) };
      record.history.push(execution);
      record.lastActivity = now;
      return json({ execution_id: execution.execution_id, status: execution.status });
    },
  },
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/history',
    handler: (req, state) => {
      const record = findAgent(state, req.params.agent_id ?? '');
      return json({ history: record.history.map((entry) => ({ ...entry })) });
    },
  },
  {
    method: 'GET',
    pattern: '/agents/{agent_id}/metrics',
    handler: (req, state) => {
      const record = findAgent(state, req.params.agent_id ?? '');
      const completed = record.history.filter((entry) => entry.status === 'completed').length;
      return json({
        agent_id: record.agent.id,
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
  {
    method: 'POST',
    pattern: '/workflows/execute',
    handler: (req, state) => {
      assertShape<{ workflow_id: string; parameters: Record<string, unknown>; agent_id?: string }>(req.body, {
        workflow_id: 'string',
        parameters: 'object',
        agent_id: 'string?',
      });
      const { workflow_id, parameters, agent_id } = req.body;
      if (agent_id != null) findAgent(state, agent_id).lastActivity = Date.now();
      return json({
        workflow_id,
        status: 'completed',
        execution_id: newId(),
        result: {
          output: `workflow '${workflow_id}' completed`,
          parameters,
          ...(agent_id == null ? {} : { agent_id }),
          completed_at: state.now().toISOString(),
        },
      });
    },
  },
];
