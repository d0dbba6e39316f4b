/**
 * Human approvals (contract: "Human approvals"), as the open-source runtime v1.19's escalation
 * queue answers them:
 * - tests and demos hold actions with `mock.holdAction(...)` (an agent's policy gate does it on the
 *   runtime); each gets a 16-hex-character id and waits until decided or expired;
 * - `GET /approvals` lists the actions still held (all `pending`), oldest first;
 * - approving or denying answers 200 with an empty body and forgets the action, so a second
 *   decision (or one for an unknown id) is 404 `{ error: "Held action not found", code:
 *   "not_found", details: null }` (lower-case codes, as the runtime's escalation routes write);
 *   the runtime's 409 `already_resolved` needs two decisions racing inside it and never happens here;
 * - an action left undecided until `expires_at` is denied (fail closed) and forgotten;
 * - the optional `{ reason }` body goes to the runtime's audit trail; the mock only records it (in
 *   `mock.requests`) and, like the runtime's optional JSON extractor, ignores any other body.
 * Its state lives here, keyed by the server's `State`.
 */
import { randomBytes } from 'node:crypto';
import { HttpError, json } from '../responses.ts';
import type { Route } from '../routes.ts';
import type { State } from '../state.ts';
import type { HeldAction, HoldActionInput } from '../types.ts';

/** How long a held action waits for a decision unless `expiresInMs` says otherwise: 5 minutes. */
export const DEFAULT_HOLD_MS = 300_000;

interface Queue {
  /** Held actions by id, oldest first. */
  readonly held: Map<string, HeldAction>;
}

const queues = new WeakMap<State, Queue>();

function queueOf(state: State): Queue {
  let queue = queues.get(state);
  if (queue === undefined) {
    queue = { held: new Map() };
    queues.set(state, queue);
  }
  return queue;
}

/** Denies (and forgets) every action past its `expires_at`. */
function expire(queue: Queue, now: number): void {
  for (const [id, action] of queue.held) {
    if (Date.parse(action.expires_at) <= now) queue.held.delete(id);
  }
}

/**
 * Holds an action for approval, as an agent's policy gate would: what `mock.holdAction(...)` does.
 * Throws a `TypeError` for input that is not what the contract's mock section types.
 */
export function holdAction(state: State, input: HoldActionInput): HeldAction {
  if (typeof input?.agent_id !== 'string' || input.agent_id === '') throw new TypeError('holdAction: agent_id must be a non-empty string');
  if (typeof input.summary !== 'string') throw new TypeError('holdAction: summary must be a string');
  if (input.kind !== undefined && typeof input.kind !== 'string') throw new TypeError('holdAction: kind must be a string');
  if (input.reason !== undefined && typeof input.reason !== 'string') throw new TypeError('holdAction: reason must be a string');
  const wait = input.expiresInMs ?? DEFAULT_HOLD_MS;
  if (!(Number.isFinite(wait) && wait >= 0 && wait <= 2_147_483_647)) throw new TypeError('holdAction: expiresInMs must be a number of milliseconds from 0 to 2147483647');
  const queue = queueOf(state);
  const now = state.now().getTime();
  let id: string;
  do id = randomBytes(8).toString('hex');
  while (queue.held.has(id));
  const action: HeldAction = {
    id,
    agent_id: input.agent_id,
    kind: input.kind ?? 'tool_call',
    summary: input.summary,
    reason: input.reason ?? 'policy requires human approval',
    context_snapshot: input.context_snapshot === undefined ? null : structuredClone(input.context_snapshot),
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + wait).toISOString(),
    status: 'pending',
  };
  queue.held.set(id, action);
  state.schedule(wait, () => expire(queue, Date.parse(action.expires_at)));
  return structuredClone(action);
}

/** Approve or deny (they differ only in what the held agent does next): 200, empty body; the action is forgotten. */
const decide: Route['handler'] = (req, state) => {
  const queue = queueOf(state);
  expire(queue, state.now().getTime());
  if (!queue.held.delete(req.params.id ?? '')) throw new HttpError(404, 'not_found', 'Held action not found', { details: null });
  return { status: 200 };
};

/** Approval routes, registered by `startMockRuntime`. */
export const approvalsRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/approvals',
    handler: (_req, state) => {
      const queue = queueOf(state);
      expire(queue, state.now().getTime());
      return json([...queue.held.values()]);
    },
  },
  { method: 'POST', pattern: '/approvals/{id}/approve', handler: decide },
  { method: 'POST', pattern: '/approvals/{id}/deny', handler: decide },
];
