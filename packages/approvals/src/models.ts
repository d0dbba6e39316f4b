/**
 * Models of the human approval endpoints (contract: "Human approvals"), each a TypeScript type
 * with the wire's snake_case names and the valibot schema that checks it.
 */
import * as v from 'valibot';
import { dateTime, enumObject, knownString, nullish, optional, type Schema } from '@symbiont/core/kernel';

/** What kind of action the runtime holds. The runtime may send others: any string is accepted. */
export type HeldActionKind = 'tool_call' | 'delegate' | 'schedule' | 'other';

/** The held action kinds as constants: `HeldActionKind.TOOL_CALL === 'tool_call'`. */
export const HeldActionKind = /* @__PURE__ */ enumObject({
  TOOL_CALL: 'tool_call',
  DELEGATE: 'delegate',
  SCHEDULE: 'schedule',
  OTHER: 'other',
});

/** Where a held action is. Listed actions are normally all `pending`. Any string is accepted. */
export type HeldActionStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** The held action statuses as constants: `HeldActionStatus.PENDING === 'pending'`. */
export const HeldActionStatus = /* @__PURE__ */ enumObject({
  PENDING: 'pending',
  APPROVED: 'approved',
  DENIED: 'denied',
  EXPIRED: 'expired',
});

/** An agent action the runtime holds for a human to approve or deny; denied when it expires. */
export interface HeldAction {
  /** 16 hex characters, unguessable. */
  id: string;
  agent_id: string;
  kind: HeldActionKind | (string & {});
  /** What the agent wants to do, for the human deciding. */
  summary: string;
  /** Why the runtime held it. */
  reason: string;
  /** What the agent was doing, as the runtime captured it (any JSON), or `null`. */
  context_snapshot: unknown;
  created_at: Date;
  /** When the runtime stops waiting and denies it (fail closed). */
  expires_at: Date;
  status: HeldActionStatus | (string & {});
  [field: string]: unknown;
}

/** The optional body of `approveAction` and `denyAction`. */
export interface ResolveRequest {
  /** Why, for the runtime's audit trail. */
  reason?: string | null;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict.

export const ResolveRequestSchema: Schema<ResolveRequest> = /* @__PURE__ */ v.strictObject({
  reason: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
});

export const HeldActionSchema: Schema<HeldAction> = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  agent_id: /* @__PURE__ */ v.string(),
  kind: /* @__PURE__ */ knownString<HeldActionKind>(),
  summary: /* @__PURE__ */ v.string(),
  reason: /* @__PURE__ */ v.string(),
  context_snapshot: /* @__PURE__ */ optional(/* @__PURE__ */ v.unknown(), null),
  created_at: dateTime,
  expires_at: dateTime,
  status: /* @__PURE__ */ knownString<HeldActionStatus>(),
});

export const HeldActionListSchema: Schema<HeldAction[]> = /* @__PURE__ */ v.array(HeldActionSchema);
