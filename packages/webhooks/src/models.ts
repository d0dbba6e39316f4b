/**
 * Models of the HTTP Input listener, each a TypeScript type with the wire's snake_case names and
 * the valibot schema that checks it. The shapes are the ones the runtime v1.19 writes
 * (`crates/runtime/src/http_input/server.rs`).
 */
import * as v from 'valibot';
import { anyObject, dateTime, enumObject, int, knownString, type Schema } from '@symbiont/core/kernel';

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
  prompt?: string | undefined;
  message?: string | undefined;
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

// Schemas. Responses are loose (unknown fields kept).

const utf8 = /* @__PURE__ */ new TextEncoder();

/**
 * A payload: a plain object whose `system_prompt`, when given, is a string (or null) of at most
 * 4,096 UTF-8 bytes. Only checked: the payload is sent as given, so the signature covers the
 * caller's own key order.
 */
export const WebhookPayloadSchema: Schema<WebhookPayload> = /* @__PURE__ */ v.pipe(
  anyObject,
  /* @__PURE__ */ v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const input = dataset.value as Record<string, unknown>;
    const value = input['system_prompt'];
    if (value == null) return;
    const fits = typeof value == 'string' && utf8.encode(value).length <= MAX_SYSTEM_PROMPT_BYTES;
    if (!fits) {
      addIssue({
        message: `a string of at most ${MAX_SYSTEM_PROMPT_BYTES} UTF-8 bytes (the runtime cuts a longer one)`,
        input: value,
        path: [{ type: 'object', origin: 'value', input, key: 'system_prompt', value }],
      });
    }
  }),
) as Schema<WebhookPayload>;

const oneKeyObject = /* @__PURE__ */ v.custom<Record<string, unknown>>(
  (value) => typeof value == 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length == 1,
  'a termination reason (a string or a one-key object)',
);

export const TerminationReasonSchema: Schema<TerminationReason> = /* @__PURE__ */ v.union([
  /* @__PURE__ */ knownString<TerminationReasonName>(),
  /* @__PURE__ */ v.strictObject({ PolicyDenial: /* @__PURE__ */ v.looseObject({ reason: /* @__PURE__ */ v.string() }) }),
  /* @__PURE__ */ v.strictObject({ Error: /* @__PURE__ */ v.looseObject({ message: /* @__PURE__ */ v.string() }) }),
  /* @__PURE__ */ v.pipe(
    oneKeyObject,
    /* @__PURE__ */ v.check((value) => !('PolicyDenial' in value) && !('Error' in value), 'a termination reason (a string or a one-key object)'),
  ),
], 'a termination reason (a string or a one-key object)') as Schema<TerminationReason>;

export const ToolRunSchema: Schema<ToolRun> = /* @__PURE__ */ v.looseObject({
  tool: /* @__PURE__ */ v.string(),
  input: /* @__PURE__ */ v.unknown(),
  output_preview: /* @__PURE__ */ v.string(),
});

const latency = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number(), /* @__PURE__ */ v.minValue(0, 'a non-negative number'));

/**
 * The result: the first stage turns `timestamp` into a `Date` (and names it in `entries`, so
 * `validateResponses: false` still converts it), the second picks the shape by `status`.
 */
export const WebhookResultSchema: Schema<WebhookResult> = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.looseObject({ timestamp: dateTime }),
  /* @__PURE__ */ v.variant('status', [
    /* @__PURE__ */ v.looseObject({
      status: /* @__PURE__ */ v.literal('execution_started'),
      agent_id: /* @__PURE__ */ v.string(),
      message_id: /* @__PURE__ */ v.string(),
      latency_ms: latency,
      timestamp: /* @__PURE__ */ v.date(),
    }),
    /* @__PURE__ */ v.looseObject({
      status: /* @__PURE__ */ v.literal('completed'),
      agent_id: /* @__PURE__ */ v.string(),
      response: /* @__PURE__ */ v.string(),
      tool_runs: /* @__PURE__ */ v.array(ToolRunSchema),
      termination_reason: TerminationReasonSchema,
      iterations: int,
      model: /* @__PURE__ */ v.string(),
      provider: /* @__PURE__ */ v.string(),
      latency_ms: latency,
      timestamp: /* @__PURE__ */ v.date(),
    }),
  ], '"execution_started" or "completed"'),
) as Schema<WebhookResult>;
