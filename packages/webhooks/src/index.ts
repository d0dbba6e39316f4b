/**
 * `@symbiont/webhooks`: invoke agents through the runtime's HTTP Input webhook listener (served
 * by the open-source runtime v1.19: `symbi up` listens on `http://127.0.0.1:8081/webhook`).
 *
 * A signing secret is a credential: it never appears in an error, a log line or a hook argument.
 *
 * @packageDocumentation
 */
export { invokeWebhook, type InvokeWebhookOptions } from './invokeWebhook.ts';
export {
  MAX_SYSTEM_PROMPT_BYTES,
  TerminationReasonName,
  WebhookStatus,
  type ErrorTermination,
  type PolicyDenialTermination,
  type TerminationReason,
  type ToolRun,
  type WebhookCompleted,
  type WebhookExecutionStarted,
  type WebhookPayload,
  type WebhookResult,
} from './models.ts';
