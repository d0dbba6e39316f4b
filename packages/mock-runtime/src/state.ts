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

/** An agent as the contract's `Agent` schema describes it. */
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

/** One entry of an agent's execution history. */
export interface ExecutionRecord {
  execution_id: string;
  status: string;
  /** ISO-8601. */
  timestamp: string;
}

/** An agent and what the mock tracks about it. */
export interface AgentRecord {
  agent: Agent;
  /** The DSL last sent with `PUT /agents/{agent_id}`. */
  dsl: string | undefined;
  /** The contract's AgentState (`idle`, `active`, `busy`, `error`, `stopped`, ...). */
  state: string;
  /** ms since the epoch. */
  createdAt: number;
  /** ms since the epoch. */
  lastActivity: number;
  history: ExecutionRecord[];
  tasksFailed: number;
}

/**
 * The counts `GET /metrics` reports for domains other than agents. Each is a function so a domain
 * derives it from its own data (`state.counters.secrets_count = () => state.secrets.size`).
 */
export interface MetricCounters {
  secrets_count: () => number;
  mcp_connections: () => number;
  vector_db_items: () => number;
}

/** Everything the mock runtime keeps in memory. */
export interface State {
  /** ms since the epoch when the server started (for `uptime_seconds`). */
  readonly startedAt: number;
  /** The current time (one place to read the clock). */
  now(): Date;
  /** Time each automatic review step takes, in ms. */
  readonly reviewDelayMs: number;
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
  /** Counts reported by `GET /metrics`; each defaults to `() => 0`. */
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
}

/** Default for `reviewDelayMs`. */
export const DEFAULT_REVIEW_DELAY_MS = 200;

/** The agent every server starts with, so the reference README's `agent-123` examples work. */
export const SEED_AGENT: Readonly<Agent> = Object.freeze({
  id: 'agent-123',
  name: 'Example Agent',
  description: 'Seed agent of the Symbiont mock runtime',
  system_prompt: 'You are a helpful assistant.',
  tools: [],
  model: 'gpt-4',
  temperature: 0.7,
  top_p: 1,
  max_tokens: 1024,
});

/** Makes the record kept for a newly created agent. */
export function newAgentRecord(agent: Agent, now: number): AgentRecord {
  return { agent, dsl: undefined, state: 'idle', createdAt: now, lastActivity: now, history: [], tasksFailed: 0 };
}

/** A fresh id for executions, requests and other generated records. */
export function newId(): string {
  return randomUUID();
}

/** Creates the state of a new server, seeded with `agent-123`. */
export function createState(options: StateOptions = {}): State {
  const startedAt = Date.now();
  const timers = new Set<NodeJS.Timeout>();
  // Seed: one agent `agent-123`, so the reference README's examples work against a fresh server.
  const agents = new Map<string, AgentRecord>([[SEED_AGENT.id, newAgentRecord({ ...SEED_AGENT, tools: [] }, startedAt)]]);
  const knowledge = new Map<string, StoredKnowledgeItem>();
  const secrets = new Map<string, Map<string, SecretRecord>>();
  const mcpServers = new Map<string, McpServerRecord>();
  return {
    startedAt,
    now: () => new Date(),
    reviewDelayMs: options.reviewDelayMs ?? DEFAULT_REVIEW_DELAY_MS,
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
