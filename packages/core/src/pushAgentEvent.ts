import type { Context } from './createContext.ts';
import { call } from './kernel/call.ts';
import type { CallOptions } from './kernel/options.ts';
import { PushEventRequestSchema } from './models.ts';
import type { PushEventRequest } from './models.ts';

/**
 * Record an event of an external agent (`RunStarted`, `RunCompleted`, `RunFailed`).
 * `POST /agents/{agent_id}/events`; resolves to `undefined`. The runtime keeps the last 100, which
 * `getAgentStatus` returns in `recent_events`. An agent that is not `External` is a
 * `NotFoundError` (`code: 'PUSH_EVENT_FAILED'`); `agentpin_jwt` is a credential.
 * Served by the open-source Symbiont runtime (v1.19).
 *
 * @example
 * ```ts
 * await pushAgentEvent(ctx, '1b4e28ba-2fa1-4d2b-883f-0016d3cca427', { event_type: 'RunCompleted', payload: { items: 12 } });
 * ```
 * @param agentId The agent's id (a UUID on the runtime).
 * @param event `{ event_type, payload, agentpin_jwt? }`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function pushAgentEvent(ctx: Context, agentId: string, event: PushEventRequest, options?: CallOptions): Promise<void> {
  return call(ctx, {
    name: 'pushAgentEvent',
    method: 'POST',
    path: '/agents/{agent_id}/events',
    params: [agentId],
    body: event,
    input: PushEventRequestSchema,
    credentials: (body: PushEventRequest) => [body.agentpin_jwt],
  }, options);
}
