// Hostile and odd input the property tests found: each is refused with a ValidationError naming
// the field, before anything is sent, instead of being silently changed on the wire.
import { createContext, executeWorkflow, getAgentStatus, pushAgentEvent, updateAgent, ValidationError } from '@symbiont/core';
import { deployAgent } from '@symbiont/dsl';
import { addKnowledgeItem, searchKnowledge } from '@symbiont/knowledge';
import { addMcpServer } from '@symbiont/mcp';
import { listReviewSessions, submitToolForReview } from '@symbiont/reviews';
import { startScriptedServer, type ScriptedServer } from '@symbiont/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
const ctx = () => createContext({ baseUrl: server.url, maxRetries: 0 });

const refused = async (promise: Promise<unknown>, operation: string, path: string) => {
  const before = server.requests.length;
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ operation });
  expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
  expect(server.requests.length).toBe(before);
};

const workflow = { workflow_id: 'agent w { }' };
const AGENT = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427';
const tool = { name: 't', description: 'd', schema: { properties: {} }, provider: { name: 'p' } };

it('refuses numbers that are not finite (JSON would send null)', async () => {
  await refused(executeWorkflow(ctx(), { ...workflow, parameters: { temperature: Infinity } }), 'executeWorkflow', 'parameters.temperature');
  await refused(addKnowledgeItem(ctx(), { id: 'k', content: 'c', embedding: [1, -Infinity], metadata: { source: 's', source_type: 'document', timestamp: new Date() } }), 'addKnowledgeItem', 'embedding.1');
  await refused(searchKnowledge(ctx(), { query: 'q', similarity_threshold: Number.NaN }), 'searchKnowledge', 'similarity_threshold');
});

it('refuses keys a parser would drop, instead of dropping them', async () => {
  await refused(addMcpServer(ctx(), { name: 'n', command: ['x'], env: { constructor: 'x', PATH: '/bin' } }), 'addMcpServer', 'env.constructor');
  const parsed = JSON.parse('{"properties":{},"__proto__":{"polluted":true}}');
  await refused(submitToolForReview(ctx(), { tool: { ...tool, schema: parsed }, submitted_by: 'me' }), 'submitToolForReview', 'tool.schema.__proto__');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('refuses an array where a map is expected (it would become {"0": …})', async () => {
  await refused(addMcpServer(ctx(), { name: 'n', command: ['x'], env: ['a'] as never }), 'addMcpServer', 'env');
});

it('refuses bodies that are not plain objects', async () => {
  await refused(executeWorkflow(ctx(), new Date(0) as never), 'executeWorkflow', '');
  await refused(executeWorkflow(ctx(), new Map([['k', 1]]) as never), 'executeWorkflow', '');
  await refused(updateAgent(ctx(), AGENT, [] as never), 'updateAgent', '');
  await refused(deployAgent(ctx(), { agent_id: 'a', config_overrides: new Date(0) as never }), 'deployAgent', 'config_overrides');
  await refused(executeWorkflow(ctx(), { ...workflow, parameters: { n: 1n } }), 'executeWorkflow', 'parameters.n');
  await refused(pushAgentEvent(ctx(), AGENT, { event_type: 'RunStarted', payload: { nested: { when: new Date(Number.NaN) } } }), 'pushAgentEvent', 'payload.nested.when');
});

it('refuses strings with a lone surrogate in a path or a query (they would be changed)', async () => {
  await refused(getAgentStatus(ctx(), 'a\uD800'), 'getAgentStatus', 'agent_id');
  await refused(listReviewSessions(ctx(), { author: 'a\uD800' }), 'listReviewSessions', 'author');
  await refused(executeWorkflow(ctx(), { ...workflow, parameters: { text: 'x\uDC00' } }), 'executeWorkflow', 'parameters.text');
});

it('refuses filters that are not an object', async () => {
  await refused(listReviewSessions(ctx(), 5 as never), 'listReviewSessions', 'filters');
});

it('refuses a body or tool schema nested 20,000 deep with a ValidationError naming the limit, never a RangeError', async () => {
  let deep: { properties: Record<string, unknown> } = { properties: {} };
  for (let i = 0; i < 20_000; i++) deep = { properties: { x: deep } };
  const before = server.requests.length;
  const error = await submitToolForReview(ctx(), { tool: { ...tool, schema: deep }, submitted_by: 'me' }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toContain('at most 256 levels of nesting');
  expect(server.requests.length).toBe(before);
});
