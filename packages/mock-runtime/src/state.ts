/**
 * The mock runtime's shared in-memory state. One `State` per server; every route handler gets it.
 * Domains extend it by adding fields here and initialising them in `createState`.
 */
import { randomUUID } from 'node:crypto';
import { createSigningKeys, type SigningKeys } from './signing-keys.ts';
import type { Deployment } from './domains/dsl.ts';
import type { StoredKnowledgeItem } from './domains/knowledge.ts';
import type { McpServerRecord } from './domains/mcp.ts';
import type { SecretBackendRecord, SecretRecord } from './domains/secrets.ts';
import type { AnalysisRecord, ReviewRecord } from './domains/reviews.ts';

/**
 * An agent's identity as the domains share it: `id` (a UUID for agents created with `POST /agents`;
 * the Enterprise DSL domain registers agents under their DSL name), `name`, and whatever else a
 * domain keeps (`description`, ...).
 */
export interface Agent {
  id: string;
  name: string;
  description?: string;
  [field: string]: unknown;
}

/** One entry of an agent's history (`created`, `execution_started`, `workflow_started`). */
export interface ExecutionRecord {
  execution_id: string;
  status: string;
  /** RFC 3339. */
  timestamp: string;
}

/** One event an external agent pushed. */
export interface AgentEventRecord {
  event_type: string;
  payload: unknown;
  /** RFC 3339. */
  timestamp: string;
}

/** What the runtime tracks about an `External` agent (`ExternalAgentState`). */
export interface ExternalAgentRecord {
  /** `heartbeat_interval_secs` of its execution mode: `Unreachable` after 3 × this without a heartbeat. */
  intervalSecs: number;
  /** ms since the epoch of the last heartbeat; `undefined` until the first (never marked unreachable before). */
  lastHeartbeat: number | undefined;
  metadata: Record<string, string>;
  lastResult: string | undefined;
  /** The last 100 events, oldest first. */
  events: AgentEventRecord[];
}

/** An agent and what the mock tracks about it. */
export interface AgentRecord {
  agent: Agent;
  /** The agent's DSL source. */
  dsl: string | undefined;
  /** An AgentState (PascalCase: `Created`, `Ready`, `Running`, ...). */
  state: string;
  /** The execution mode as sent (`'Ephemeral'`, `{ External: { … } }`, ...). */
  executionMode: unknown;
  capabilities: string[];
  metadata: Record<string, string>;
  /** ms since the epoch. */
  createdAt: number;
  /** ms since the epoch. */
  lastActivity: number;
  /** Oldest first. */
  history: ExecutionRecord[];
  tasksFailed: number;
  /** Set for `External` agents only. */
  external: ExternalAgentRecord | undefined;
}

/**
 * The counts `GET /metrics` reports for domains other than agents. Each is a function so a domain
 * derives it from its own data (`state.counters.secrets_count = () => state.secrets.size`).
 */
export interface MetricCounters {
  secrets_count: () => number;
  mcp_connections: () => number;
  vector_db_items: () => number;
  /** `schedule_count` of `GET /status`. */
  schedule_count: () => number;
  /** `channel_count` of `GET /status`. */
  channel_count: () => number;
}

/** Everything the mock runtime keeps in memory. */
export interface State {
  /** ms since the epoch when the server started (for `uptime_seconds`). */
  readonly startedAt: number;
  /** The current time (one place to read the clock). */
  now(): Date;
  /** Time each automatic review step takes, in ms. */
  readonly reviewDelayMs: number;
  /** False when the server serves only what the open-source runtime serves (`enterprise: false`). */
  readonly enterprise: boolean;
  /** ms since the epoch from which `GET /health/ready` answers 200 (503 before). */
  readyAt: number;
  /** ECDSA P-256 key pair that signs approved tools; its public half is served at `/.well-known/schemapin.json`. */
  readonly signingKeys: SigningKeys;
  /** Agents by id. */
  readonly agents: Map<string, AgentRecord>;
  /** Knowledge items by id (`POST /knowledge`); `vector_db_items` counts them. */
  readonly knowledge: Map<string, StoredKnowledgeItem>;
  /** Agent deployments by id, in creation order (`POST /agents/deploy`). */
  readonly deployments: Map<string, Deployment>;
  /** Secrets by agent id, then by name (`POST /secrets`); `secrets_count` counts those of existing agents. */
  readonly secrets: Map<string, Map<string, SecretRecord>>;
  /** The secret backend last configured (`POST /secrets/config`), without credentials. */
  secretBackend: SecretBackendRecord | undefined;
  /** MCP servers by name, in registration order (`POST /mcp/servers`); `mcp_connections` counts the connected ones. */
  readonly mcpServers: Map<string, McpServerRecord>;
  /** Tool review sessions by id, in submission order (`POST /tool-review/sessions`). */
  readonly reviews: Map<string, ReviewRecord>;
  /** Completed security analyses by id (`GET /tool-review/analysis/{analysis_id}`). */
  readonly analyses: Map<string, AnalysisRecord>;
  /** Counts reported by `GET /status` (and, for the Enterprise domains, kept for their own use); each defaults to `() => 0`. */
  readonly counters: MetricCounters;
  /**
   * Runs `fn` after `delayMs` unless the server closes first (pending timers are cancelled by
   * `close()`). Use it for anything that happens later, such as review steps.
   */
  schedule(delayMs: number, fn: () => void): void;
  /** Cancels every pending `schedule`d callback (called by `close()`). */
  cancelScheduled(): void;
}

/** Options `createState` needs. */
export interface StateOptions {
  reviewDelayMs?: number | undefined;
  enterprise?: boolean | undefined;
  /** `GET /health/ready` answers 503 for this long after start (default 0). */
  readyAfterMs?: number | undefined;
}

/** Default for `reviewDelayMs`. */
export const DEFAULT_REVIEW_DELAY_MS = 200;

/**
 * The two agents every server starts with (fixed UUIDs, so docs and tests can name them): a
 * persistent agent that is `Running`, and an external agent (heartbeat every 60 s) still `Created`.
 */
export const SEED_AGENTS = Object.freeze({
  example: '3f6c2a9e-8b1d-4c7e-9a5f-2d4b6e8a1c3f',
  external: '7a1e5c3b-2f4d-4e6a-8b9c-0d1e2f3a4b5c',
});

/** Makes the record kept for a newly created agent (state `Created`, mode `Ephemeral`, unless `extra` says otherwise). */
export function newAgentRecord(agent: Agent, now: number, extra: Partial<AgentRecord> = {}): AgentRecord {
  return {
    agent,
    dsl: undefined,
    state: 'Created',
    executionMode: 'Ephemeral',
    capabilities: [],
    metadata: {},
    createdAt: now,
    lastActivity: now,
    history: [],
    tasksFailed: 0,
    external: undefined,
    ...extra,
  };
}

/** A fresh id for executions, requests and other generated records. */
export function newId(): string {
  return randomUUID();
}

function seedAgents(now: number): Map<string, AgentRecord> {
  const example = newAgentRecord({ id: SEED_AGENTS.example, name: 'Example Agent' }, now, {
    dsl: 'agent example_agent {\n  name: "Example Agent"\n}',
    state: 'Running',
    executionMode: 'Persistent',
    capabilities: ['summarise'],
    history: [{ execution_id: SEED_AGENTS.example, status: 'created', timestamp: new Date(now).toISOString() }],
  });
  const external = newAgentRecord({ id: SEED_AGENTS.external, name: 'External Worker' }, now, {
    executionMode: { External: { endpoint: null, agentpin_domain: null, heartbeat_interval_secs: 60 } },
    history: [{ execution_id: SEED_AGENTS.external, status: 'created', timestamp: new Date(now).toISOString() }],
    external: { intervalSecs: 60, lastHeartbeat: undefined, metadata: {}, lastResult: undefined, events: [] },
  });
  return new Map([example, external].map((record) => [record.agent.id, record]));
}

/** Creates the state of a new server, seeded with the two agents of `SEED_AGENTS`. */
export function createState(options: StateOptions = {}): State {
  const startedAt = Date.now();
  const timers = new Set<NodeJS.Timeout>();
  const agents = seedAgents(startedAt);
  const knowledge = new Map<string, StoredKnowledgeItem>();
  const secrets = new Map<string, Map<string, SecretRecord>>();
  const mcpServers = new Map<string, McpServerRecord>();
  return {
    startedAt,
    now: () => new Date(),
    reviewDelayMs: options.reviewDelayMs ?? DEFAULT_REVIEW_DELAY_MS,
    enterprise: options.enterprise ?? true,
    readyAt: startedAt + (options.readyAfterMs ?? 0),
    signingKeys: createSigningKeys(),
    agents,
    knowledge,
    secrets,
    secretBackend: undefined,
    mcpServers,
    reviews: new Map(),
    analyses: new Map(),
    deployments: new Map(),
    counters: {
      secrets_count: () => [...secrets].reduce((n, [id, named]) => n + (agents.has(id) ? named.size : 0), 0),
      mcp_connections: () => [...mcpServers.values()].filter((server) => server.status === 'connected').length,
      vector_db_items: () => knowledge.size,
      schedule_count: () => 0,
      channel_count: () => 0,
    },
    schedule(delayMs, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, delayMs);
      timers.add(timer);
    },
    cancelScheduled() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
