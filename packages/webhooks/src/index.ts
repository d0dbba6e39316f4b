/**
 * `@symbiont/webhooks`: invoke agents through the runtime's HTTP Input webhook listener.
 *
 * @packageDocumentation
 */
export {};
