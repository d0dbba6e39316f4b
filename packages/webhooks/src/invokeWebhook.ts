import type { CallOptions, Context } from '@symbiont/core';
import { call, invalid, isPlainObject } from '@symbiont/core/kernel';
import { MAX_SYSTEM_PROMPT_BYTES, WebhookResultSchema } from './models.ts';
import type { WebhookPayload, WebhookResult } from './models.ts';
import { hubSignature } from './sign.ts';

/** Options of {@link invokeWebhook}: the per-call options plus where to post and how to sign. */
export interface InvokeWebhookOptions extends CallOptions {
  /**
   * Posted to `<baseUrl>/<route>` (percent-encoded) instead of the listener's path itself, e.g. an
   * agent's name: `symbi up` routes `/webhook/<agent name>` to that agent when several are loaded.
   */
  route?: string | undefined;
  /**
   * Sign the request: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the exact bytes sent,
   * as a listener configured with the `github` webhook-verify preset requires. A credential: it is
   * never sent, and it is cut from every error, log line and hook argument.
   */
  signingSecret?: string | undefined;
}

const NAME = 'invokeWebhook';

const refuse = (path: string, expected: string, value: unknown) => invalid(NAME, path, expected, value);

/**
 * Invoke an agent through the runtime's HTTP Input listener: `POST` the payload to the context's
 * `baseUrl`, which is the listener's URL (`symbi up`: `http://127.0.0.1:8081/webhook`), or to
 * `<baseUrl>/<route>` with `options.route`. Served by the open-source runtime (v1.19).
 *
 * The context's `apiKey` is the listener's token (`Authorization: Bearer <token>`: under
 * `symbi up`, `--http.token` or the `symbi_dev_…` token it prints, not `SYMBIONT_API_TOKEN`), or an
 * EdDSA JWT when the listener is configured with a JWT public key.
 *
 * The payload is any JSON object, sent as given (`JSON.stringify`). The runtime reads `prompt`
 * (else `message`) as the user's text and `system_prompt` as extra instructions: a
 * `system_prompt` that is not a string (or null), or is longer than 4,096 UTF-8 bytes (the
 * runtime would silently cut it), is a `ValidationError` before anything is sent. The listener's
 * body limit (1 MiB under `symbi up`) is its own: a larger body is an `APIError` 413.
 *
 * Resolves to `completed` (the listener ran the agent: `response`, `tool_runs`,
 * `termination_reason`, …) or `execution_started` (the agent was running: it got the payload as a
 * message). Errors: 401 (`AuthenticationError`: wrong token, or a missing or wrong signature
 * where the listener requires one), 429 (`RateLimitError`: the listener's concurrency limit),
 * 400 (bad JSON), 404/405 (no such path) with empty bodies; 413 `text/plain`; an agent failure is
 * an `APIError` (default status 500) whose `body` is `{ error, timestamp }` (no `code`).
 *
 * Never retried unless the call sets `retry: true` (or an `idempotencyKey`): invoking an agent
 * twice runs it twice. A retry re-sends the same bytes with the same signature.
 *
 * @example
 * ```ts
 * const ctx = createContext({ baseUrl: 'http://127.0.0.1:8081/webhook', apiKey: process.env.SYMBI_HTTP_TOKEN });
 * const result = await invokeWebhook(ctx, { prompt: 'Summarise the open incidents' }, { route: 'ops-agent' });
 * if (result.status === 'completed') console.log(result.response, result.termination_reason);
 * else console.log(`agent ${result.agent_id} got message ${result.message_id}`);
 * ```
 * @param payload Any JSON object; `prompt`/`message` and `system_prompt` are read by the runtime.
 * @param options Per-call options plus `route` and `signingSecret`.
 */
export async function invokeWebhook(ctx: Context, payload: WebhookPayload, options?: InvokeWebhookOptions): Promise<WebhookResult> {
  const { route, signingSecret, ...callOptions } = options ?? {};
  if (signingSecret !== undefined && (typeof signingSecret != 'string' || !signingSecret)) throw refuse('options.signingSecret', 'a non-empty string', signingSecret);
  if (!isPlainObject(payload)) {
    throw refuse('payload', 'a plain object', payload);
  }
  const system = payload.system_prompt;
  if (system != null && (typeof system != 'string' || new TextEncoder().encode(system).length > MAX_SYSTEM_PROMPT_BYTES)) {
    throw refuse('payload.system_prompt', `a string of at most ${MAX_SYSTEM_PROMPT_BYTES} UTF-8 bytes (the runtime cuts a longer one)`, system);
  }

  // The kernel sends `JSON.stringify(body)` of the payload as given (no input schema reshapes it):
  // the signature is over exactly that text. A payload JSON cannot carry at all (a BigInt, a
  // cycle) is refused here; the kernel names the field of anything else it refuses.
  let text: string;
  try {
    text = JSON.stringify(payload);
  } catch {
    throw refuse('payload', 'a JSON object (no BigInt, no cycle)', payload);
  }
  if (signingSecret !== undefined) {
    callOptions.headers = { ...callOptions.headers, 'x-hub-signature-256': await hubSignature(signingSecret, text) };
  }

  return call(ctx, {
    name: NAME,
    method: 'POST',
    path: route === undefined ? '' : '/{route}',
    params: route === undefined ? [] : [route],
    body: payload,
    output: WebhookResultSchema,
    // The kernel cuts the secret out in every form an echo may carry (JSON-escaped, percent-encoded…).
    credentials: () => [signingSecret],
  }, callOptions);
}
