/**
 * `@symbiont/chat`: coordinator chat over WebSocket.
 *
 * @packageDocumentation
 */
export {};
