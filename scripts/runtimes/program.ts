// The one program the runtime matrix runs everywhere (Node 22/24, Deno, Bun, workerd, Chromium).
// Web-standard only: no Node built-ins, no globals beyond what every runtime has.
import { createContext, getAgentStatus, healthCheck, listAgents, NotFoundError } from '@symbiont/core';
// The domain packages by their entry files: the root workspace package depends on @symbiont/core
// only, so their package names do not resolve from scripts/ (neither for tsc nor for esbuild).
import { submitToolForReview } from '@symbiont/reviews';
import { getSecret, storeSecret } from '@symbiont/secrets';
import { type ChatEvent, connectChat } from '@symbiont/chat';

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

const isDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const randomSuffix = (): string => Math.random().toString(36).slice(2, 10);

/**
 * Create a context, check health, list agents, submit a tool for review, store and read back a
 * secret, then ask for an unknown agent and expect a `NotFoundError`, then chat once with the
 * coordinator over its WebSocket. Returns log lines (never the secret's value); throws on the first failure.
 */
export async function run(baseUrl: string, apiKey: string): Promise<string[]> {
  const lines: string[] = [];
  const ctx = createContext({ baseUrl, apiKey, maxRetries: 0, timeout: 20_000 });
  lines.push(`createContext: ${ctx.baseUrl} (api key set: ${ctx.hasApiKey})`);

  const health = await healthCheck(ctx);
  check(health.status === 'healthy', `health.status is "healthy" (got ${JSON.stringify(health.status)})`);
  check(isDate(health.timestamp), 'health.timestamp is a valid Date');
  lines.push(`healthCheck: ${health.status}, version ${health.version}, timestamp ${health.timestamp.toISOString()}`);

  const agents = await listAgents(ctx);
  check(Array.isArray(agents) && agents.includes('agent-123'), 'listAgents includes the seeded agent-123');
  lines.push(`listAgents: ${agents.length} agent(s), including agent-123`);

  const session = await submitToolForReview(ctx, {
    tool: {
      name: 'runtime-matrix-adder',
      description: 'Adds two numbers',
      schema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
      provider: { name: 'runtime-matrix' },
    },
    submitted_by: 'runtime-matrix@example.com',
  });
  check(typeof session.review_id === 'string' && session.review_id !== '', 'submitToolForReview returns a review_id');
  check(isDate(session.submitted_at), 'session.submitted_at is a valid Date');
  lines.push(`submitToolForReview: review ${session.review_id}, status ${session.status}, submitted ${session.submitted_at.toISOString()}`);

  const secretName = `runtime_matrix_${randomSuffix()}`;
  const secretValue = `value-${randomSuffix()}-${randomSuffix()}`;
  const stored = await storeSecret(ctx, { agent_id: 'agent-123', secret_name: secretName, secret_value: secretValue });
  check(stored.secret_name === secretName && stored.agent_id === 'agent-123', 'storeSecret echoes the agent and secret name');
  check(isDate(stored.created_at), 'stored.created_at is a valid Date');
  const read = await getSecret(ctx, 'agent-123', secretName);
  check(read === secretValue, 'getSecret returns the value stored');
  lines.push(`storeSecret + getSecret: ${secretName} read back, ${read.length} chars, equal to the value stored`);

  let notFound: unknown;
  try {
    await getAgentStatus(ctx, 'no-such-agent');
  } catch (error) {
    notFound = error;
  }
  check(notFound !== undefined, 'getAgentStatus(ctx, "no-such-agent") rejects');
  check(notFound instanceof NotFoundError, `the rejection is a NotFoundError (got ${String(notFound)})`);
  check(notFound.status === 404, `NotFoundError.status is 404 (got ${notFound.status})`);
  lines.push(`getAgentStatus(no-such-agent): rejects with ${notFound.name}, status ${notFound.status}`);

  // One coordinator chat exchange over the WebSocket (/ws/chat?token=…): every event of the answer, in order.
  const chat = await connectChat(ctx);
  try {
    const events: ChatEvent[] = [];
    for await (const event of chat.send('[tool] hello from the runtime matrix')) events.push(event);
    const kinds = events.map((event) => event.type).join(', ');
    check(kinds === 'ToolCallStarted, PolicyDecision, ToolCallResult, ChatChunk', `the chat answer's events arrive in order (got ${kinds})`);
    const reply = events.at(-1);
    check(reply?.type === 'ChatChunk' && reply.done && reply.content.endsWith('hello from the runtime matrix'), 'the final chunk carries the whole reply');
    lines.push(`connectChat + send: ${chat.url}, events ${kinds}, reply "${reply.content}"`);
  } finally {
    await chat.close();
  }

  return lines;
}
