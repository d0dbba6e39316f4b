// Hostile and odd input the property tests found: each is refused with a ValidationError naming
// the field, before anything is sent, instead of being silently changed on the wire.
import { createAgent, createContext, executeAgent, getAgentStatus, updateAgent, ValidationError } from '@symbiont/core';
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

const agent = { id: 'a', name: 'n', description: 'd', system_prompt: 's', tools: [], model: 'm', temperature: 0.5, top_p: 1, max_tokens: 1 };
const tool = { name: 't', description: 'd', schema: { properties: {} }, provider: { name: 'p' } };

it('refuses numbers that are not finite (JSON would send null)', async () => {
  await refused(createAgent(ctx(), { ...agent, temperature: Infinity }), 'createAgent', 'temperature');
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
  await refused(executeAgent(ctx(), 'a', new Date(0) as never), 'executeAgent', '');
  await refused(executeAgent(ctx(), 'a', new Map([['k', 1]]) as never), 'executeAgent', '');
  await refused(updateAgent(ctx(), 'a', [] as never), 'updateAgent', '');
  await refused(deployAgent(ctx(), { agent_id: 'a', config_overrides: new Date(0) as never }), 'deployAgent', 'config_overrides');
  await refused(executeAgent(ctx(), 'a', { n: 1n }), 'executeAgent', 'n');
  await refused(executeAgent(ctx(), 'a', { nested: { when: new Date(Number.NaN) } }), 'executeAgent', 'nested.when');
});

it('refuses strings with a lone surrogate in a path or a query (they would be changed)', async () => {
  await refused(getAgentStatus(ctx(), 'a\uD800'), 'getAgentStatus', 'agent_id');
  await refused(listReviewSessions(ctx(), { author: 'a\uD800' }), 'listReviewSessions', 'author');
  await refused(executeAgent(ctx(), 'a', { text: 'x\uDC00' }), 'executeAgent', 'text');
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
