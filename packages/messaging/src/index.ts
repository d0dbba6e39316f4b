/**
 * `@symbiont/messaging`: inter-agent messaging (send, receive, status, watch).
 *
 * @packageDocumentation
 */
export {};
