import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { HeartbeatRequestSchema } from './models.ts';
import type { HeartbeatRequest } from './models.ts';

/**
 * Report an external agent's state. `POST /agents/{agent_id}/heartbeat`; resolves to `undefined`.
 * Only agents created with `execution_mode: { External: … }` take heartbeats (any other is a
 * `NotFoundError`, `code: 'HEARTBEAT_FAILED'`); one silent for 3 × `heartbeat_interval_secs`
 * becomes `Unreachable`. `metadata` is merged into the agent's; `agentpin_jwt` is a credential
 * (never in an error or log line).
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * await sendHeartbeat(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', { state: 'Running', metadata: { host: 'worker-1' } });
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param heartbeat `{ state, metadata?, last_result?, agentpin_jwt? }`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function sendHeartbeat(ctx: Context, agentId: string, heartbeat: HeartbeatRequest, options?: CallOptions): Promise<void> {
  return call(ctx, {
    name: 'sendHeartbeat',
    method: 'POST',
    path: '/agents/{agent_id}/heartbeat',
    params: [agentId],
    body: heartbeat,
    input: HeartbeatRequestSchema,
    credentials: (body: HeartbeatRequest) => [body.agentpin_jwt],
  }, options);
}
