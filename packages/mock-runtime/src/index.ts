/**
 * `@symbiont/mock-runtime`: an in-memory HTTP server standing in for the Symbiont Agent Runtime,
 * for local development and tests. Node only.
 */
export { startMockRuntime } from './start.ts';
export { SEED_AGENTS } from './state.ts';
export type { FaultHandler, FaultResponse, MockRuntime, MockRuntimeOptions, RecordedRequest } from './types.ts';
export type { HeldAction, HoldActionInput } from './types.ts';
