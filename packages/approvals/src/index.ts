/**
 * `@symbiont/approvals`: human approval of the actions the runtime holds (tool calls,
 * delegations, schedules) — list, approve, deny, and a polling watch for approval bots. Served by
 * the open-source runtime.
 *
 * @packageDocumentation
 */
export { listApprovals } from './listApprovals.ts';
export { approveAction } from './approveAction.ts';
export { denyAction } from './denyAction.ts';
export { watchApprovals, type WatchApprovalsOptions } from './watchApprovals.ts';
export { HeldActionKind, HeldActionStatus, type HeldAction, type ResolveRequest } from './models.ts';
