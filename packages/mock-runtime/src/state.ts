/**
 * The mock runtime's shared in-memory state. One `State` per server; every route handler gets it.
 * Domains extend it by adding fields here and initialising them in `createState`.
 */
import { randomUUID } from 'node:crypto';
import { createSigningKeys, type SigningKeys } from './signing-keys.ts';

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
  return {
    startedAt,
    now: () => new Date(),
    reviewDelayMs: options.reviewDelayMs ?? DEFAULT_REVIEW_DELAY_MS,
    signingKeys: createSigningKeys(),
    agents,
    counters: { secrets_count: () => 0, mcp_connections: () => 0, vector_db_items: () => 0 },
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
