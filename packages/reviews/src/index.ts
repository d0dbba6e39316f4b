/**
 * `@symbiont/reviews`: Tool review workflow: submit, analyse, review, sign and verify MCP tools.
 *
 * @packageDocumentation
 */
export {};
