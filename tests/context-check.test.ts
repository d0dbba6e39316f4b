// Every function that takes a context without going through the kernel's `call` (iterators, the
// WebSocket, another origin) refuses a config object passed as `ctx` the same way: a
// ValidationError naming `ctx` that says to pass createContext(config), before anything is sent.
import { watchApprovals } from '@symbiont/approvals';
import { connectChat } from '@symbiont/chat';
import { ValidationError } from '@symbiont/core';
import { watchMessages } from '@symbiont/messaging';
import { fetchProviderKey, iterateReviewSessions, waitForReviewCompletion } from '@symbiont/reviews';
import { startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const AGENT = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427';
/** A config object that looks like a context to a duck-typed check: baseUrl, timeout, fetch. */
const config = () => ({ baseUrl: server.url, timeout: 1000, maxRetries: 0, fetch, headers: {}, hooks: {}, apiKey: 'sk-config-key-1234' }) as never;

const cases: [string, () => Promise<unknown>][] = [
  ['fetchProviderKey', () => fetchProviderKey(config(), `${server.url}/.well-known/schemapin.json`)],
  ['waitForReviewCompletion', () => waitForReviewCompletion(config(), 'review-1', { timeout: 1000 })],
  ['connectChat', () => connectChat(config())],
  ['watchMessages', () => watchMessages(config(), AGENT).next()],
  ['watchApprovals', () => watchApprovals(config()).next()],
  ['iterateReviewSessions', () => iterateReviewSessions(config()).next()],
];

it.each(cases)('%s: a config object as ctx is a ValidationError naming ctx', async (operation, run) => {
  const error = await run().then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).operation).toBe(operation);
  expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['ctx']);
  expect((error as Error).message).toContain('pass createContext(config), not the config object');
  expect((error as Error).message).not.toContain('sk-config-key-1234');
  expect(server.requests).toHaveLength(0);
});

it.each(cases.map(([name]) => name))('%s: undefined as ctx is a ValidationError naming ctx', async (operation) => {
  const run = { fetchProviderKey, waitForReviewCompletion, connectChat, watchMessages, watchApprovals, iterateReviewSessions }[operation] as (...args: unknown[]) => unknown;
  const result = run(undefined, operation == 'watchMessages' ? AGENT : operation == 'fetchProviderKey' ? `${server.url}/k` : operation == 'waitForReviewCompletion' ? 'r' : undefined);
  const promise = typeof (result as AsyncGenerator).next == 'function' && !(result instanceof Promise) ? (result as AsyncGenerator).next() : result as Promise<unknown>;
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues[0]!.path).toBe('ctx');
});
