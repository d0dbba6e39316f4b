// What a ValidationError says for core's request enums and fields (issue 14): an enum names its
// values and quotes a typo of one (only a typo: any other string may be a credential in the wrong
// field); a missing field says `received undefined`.
import { startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAgent } from './createAgent.ts';
import { createContext } from './createContext.ts';
import { ValidationError } from './errors.ts';
import { pushAgentEvent } from './pushAgentEvent.ts';
import { sendHeartbeat } from './sendHeartbeat.ts';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
const ctx = () => createContext({ baseUrl: server.url, maxRetries: 0 });
const ID = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427';
const STATES = 'Created, Initializing, Ready, Running, Suspended, Waiting, Completed, Failed, Terminating, Terminated, Unreachable';

const messageOf = async (promise: Promise<unknown>, path: string): Promise<string> => {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ValidationError);
  const issue = (error as ValidationError).issues.find((item) => item.path == path);
  expect(issue, (error as Error).message).toBeDefined();
  expect(server.requests).toHaveLength(0);
  return issue!.message;
};

it('sendHeartbeat: a typo of a state is quoted, with the states listed', async () => {
  expect(await messageOf(sendHeartbeat(ctx(), ID, { state: 'Runing' as never }), 'state')).toBe(`state: expected one of ${STATES}, got "Runing"`);
  expect(await messageOf(sendHeartbeat(ctx(), ID, { state: 'running' as never }), 'state')).toBe(`state: expected one of ${STATES}, got "running"`);
});

it('sendHeartbeat: a string that is no typo, or a non-string, is described by its kind only', async () => {
  expect(await messageOf(sendHeartbeat(ctx(), ID, { state: 'sk-live-credential-1234' as never }), 'state')).toBe(`state: expected one of ${STATES}, received string`);
  expect(await messageOf(sendHeartbeat(ctx(), ID, { state: 3 as never }), 'state')).toBe(`state: expected one of ${STATES}, received number`);
});

it('pushAgentEvent: a typo of an event type is quoted', async () => {
  expect(await messageOf(pushAgentEvent(ctx(), ID, { event_type: 'RunStartd' as never, payload: {} }), 'event_type'))
    .toBe('event_type: expected one of RunStarted, RunCompleted, RunFailed, got "RunStartd"');
});

it('createAgent: a typo of an execution mode string is quoted; a bad object is described by its kind', async () => {
  const modes = 'Persistent, Ephemeral, EventDriven, { Scheduled }, { CronScheduled }, { External } (with their settings)';
  expect(await messageOf(createAgent(ctx(), { name: 'x', dsl: 'agent x {}', execution_mode: 'Persistant' as never }), 'execution_mode'))
    .toBe(`execution_mode: expected one of ${modes}, got "Persistant"`);
  expect(await messageOf(createAgent(ctx(), { name: 'x', dsl: 'agent x {}', execution_mode: { Scheduled: {} } as never }), 'execution_mode'))
    .toBe(`execution_mode: expected one of ${modes}, received object`);
});

it('createAgent without dsl describes dsl (undefined), not the whole request', async () => {
  const message = await messageOf(createAgent(ctx(), { name: 'x' } as never), 'dsl');
  expect(message).toMatch(/^dsl: expected a non-empty DSL source .*, received undefined$/);
  expect(await messageOf(createAgent(ctx(), { name: 'x', dsl: '' }), 'dsl')).toMatch(/, received string$/);
});
