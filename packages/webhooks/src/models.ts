/**
 * Models of the HTTP Input listener, each a TypeScript type with the wire's snake_case names and
 * the valibot schema that checks it. The shapes are the ones the runtime v1.19 writes
 * (`crates/runtime/src/http_input/server.rs`).
 */
import * as v from 'valibot';
import { dateTime, enumObject, int, type Schema } from '@symbiont/core/kernel';

/** Most bytes (UTF-8) of a `system_prompt` the runtime uses; it silently cuts a longer one. */
export const MAX_SYSTEM_PROMPT_BYTES = 4096;

/**
 * What `invokeWebhook` posts: any JSON object. The runtime reads, when they are strings:
 * - `prompt`, else `message`: the user's text (without either, the whole payload is handed to the
 *   agent as a task);
 * - `system_prompt`: appended to the agent's system prompt, at most 4,096 bytes.
 *
 * Every other field goes to the agent (and to routing rules that match on a JSON field) as is.
 */
export interface WebhookPayload {
  /** The user's text. */
  prompt?: string | undefined;
  /**
   * The user's text when there is no `prompt`, if it is a string. Typed `unknown`: a forwarded
   * third-party payload often has a `message` object, which is sent as is.
   */
  message?: unknown;
  /** Extra instructions, at most 4,096 UTF-8 bytes (checked before sending). */
  system_prompt?: string | null | undefined;
  [field: string]: unknown;
}

/** The unit (string) termination reasons of the runtime's reasoning loop. */
export type TerminationReasonName = 'Completed' | 'MaxIterations' | 'MaxTokens' | 'Timeout';

/** The unit termination reasons as constants: `TerminationReasonName.MAX_TOKENS === 'MaxTokens'`. */
export const TerminationReasonName = /* @__PURE__ */ enumObject({
  COMPLETED: 'Completed',
  MAX_ITERATIONS: 'MaxIterations',
  MAX_TOKENS: 'MaxTokens',
  TIMEOUT: 'Timeout',
});

/** A policy denied a critical action the loop could not recover from. */
export interface PolicyDenialTermination {
  PolicyDenial: { reason: string; [field: string]: unknown };
}

/** The loop stopped on an unrecoverable error. */
export interface ErrorTermination {
  Error: { message: string; [field: string]: unknown };
}

/**
 * Why the reasoning loop stopped: a unit variant as a string (`"Completed"`, `"MaxIterations"`,
 * `"MaxTokens"`, `"Timeout"`; another string a later runtime adds is kept), or a one-key object
 * (`{ PolicyDenial: { reason } }`, `{ Error: { message } }`). A one-key object this SDK does not
 * know yet is kept as it came, though typed as the known union.
 */
export type TerminationReason = TerminationReasonName | (string & {}) | PolicyDenialTermination | ErrorTermination;

/** One tool call the model proposed: executed, denied by policy, or rejected by its schema. */
export interface ToolRun {
  /** The tool's label as the loop recorded it (ToolClad tools carry a `toolclad:` prefix). */
  tool: string;
  /** The call's arguments as JSON, or `null` when they were not valid JSON or not found. */
  input: unknown;
  /** The first 500 bytes of the tool's output (or of the denial). */
  output_preview: string;
  [field: string]: unknown;
}

/** The agent was already running: the payload was handed to it as a message. */
export interface WebhookExecutionStarted {
  status: 'execution_started';
  agent_id: string;
  message_id: string;
  latency_ms: number;
  timestamp: Date;
  [field: string]: unknown;
}

/** The listener ran the agent's reasoning loop to the end. */
export interface WebhookCompleted {
  status: 'completed';
  agent_id: string;
  /** The agent's final reply. */
  response: string;
  tool_runs: ToolRun[];
  termination_reason: TerminationReason;
  iterations: number;
  model: string;
  provider: string;
  latency_ms: number;
  timestamp: Date;
  [field: string]: unknown;
}

/**
 * What the listener answers, discriminated by `status`:
 * `execution_started` (the agent is running and got the payload as a message) or `completed`
 * (the listener ran the agent and has its reply).
 */
export type WebhookResult = WebhookExecutionStarted | WebhookCompleted;

/** The two result statuses as constants: `WebhookStatus.COMPLETED === 'completed'`. */
export const WebhookStatus = /* @__PURE__ */ enumObject({
  EXECUTION_STARTED: 'execution_started',
  COMPLETED: 'completed',
});

/** The statuses of {@link WebhookResult}. */
export type WebhookStatus = WebhookResult['status'];

// Schemas. Responses are loose (unknown fields kept). Built from the valibot pieces every app
// already has (`looseObject`, `string`, `number`, `pipe`) plus `custom` and `optional`: a
// `variant` of two object schemas would more than double invokeWebhook's bundle cost.

const isObject = (value: unknown): value is Record<string, unknown> => typeof value == 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): boolean => typeof value == 'string';

/**
 * A string, `{ PolicyDenial: { reason: string } }`, `{ Error: { message: string } }`, or another
 * one-key object (a variant a later runtime adds).
 */
const isTerminationReason = (value: unknown): boolean => {
  const [key, ...more] = isObject(value) ? Object.keys(value) : [];
  const field = key == 'PolicyDenial' ? 'reason' : key == 'Error' ? 'message' : undefined;
  const inner = isObject(value) ? value[key!] : undefined;
  return typeof value == 'string' || (key !== undefined && !more.length && (!field || (isObject(inner) && isString(inner[field]))));
};

/** Tool runs: an array of objects with string `tool` and `output_preview` (`input` is any JSON value, often `null`). */
const isToolRuns = (value: unknown): boolean =>
  Array.isArray(value) && value.every((run) => isObject(run) && typeof run['tool'] == 'string' && typeof run['output_preview'] == 'string');

/** The fields each status has beyond `status`, `agent_id`, `latency_ms` and `timestamp`, with their checks. */
const FIELDS: Record<string, Record<string, (value: unknown) => boolean>> = {
  execution_started: { message_id: isString },
  completed: {
    response: isString,
    tool_runs: isToolRuns,
    termination_reason: isTerminationReason,
    iterations: Number.isInteger,
    model: isString,
    provider: isString,
  },
};

/**
 * The result: the common fields are checked one by one, then the fields of its `status` together
 * (one issue at the result's root, "expected the fields of its status": see `WebhookExecutionStarted`
 * and `WebhookCompleted` for them). `timestamp` is named in `entries`, so
 * `validateResponses: false` still turns it into a `Date`.
 */
export const WebhookResultSchema: Schema<WebhookResult> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.looseObject({
    status: /* @__PURE__ */ v.custom((value) => isString(value) && Object.hasOwn(FIELDS, value as string), '"execution_started" or "completed"'),
    agent_id: /* @__PURE__ */ v.string(),
    latency_ms: /* @__PURE__ */ v.number(),
    timestamp: dateTime,
  }),
  /* @__PURE__ */ v.custom<WebhookResult>(
    (value) => Object.entries(FIELDS[(value as { status: string }).status]!).every(([key, valid]) => valid((value as Record<string, unknown>)[key])),
    'the fields of its status',
  ),
);
