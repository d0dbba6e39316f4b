/**
 * `@symbiont/approvals`: human approval of held agent actions.
 *
 * @packageDocumentation
 */
export {};
