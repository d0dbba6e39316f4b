// The one program the runtime matrix runs everywhere (Node 22/24, Deno, Bun, workerd, Chromium).
// Web-standard only: no Node built-ins, no globals beyond what every runtime has.
import { createContext, getAgentStatus, healthCheck, listAgents, NotFoundError } from '@symbiont/core';
// The domain packages by their entry files: the root workspace package depends on @symbiont/core
// only, so their package names do not resolve from scripts/ (neither for tsc nor for esbuild).
import { submitToolForReview } from '@symbiont/reviews';
import { getSecret, storeSecret } from '@symbiont/secrets';
import { type ChatEvent, connectChat } from '@symbiont/chat';
import { listApprovals } from '@symbiont/approvals';
import { listChannels } from '@symbiont/channels';
import { getMessageStatus, sendMessage } from '@symbiont/messaging';
import { getSchedulerHealth } from '@symbiont/schedules';
import { invokeWebhook } from '@symbiont/webhooks';

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

const isDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const randomSuffix = (): string => Math.random().toString(36).slice(2, 10);

/**
 * Create a context, check health, list agents (`{ id, name, state }`, UUID ids), submit a tool for
 * review, store and read back a secret for the first agent, then ask for an unknown agent's status
 * and expect a `NotFoundError` (`AGENT_NOT_FOUND`), then chat once with the coordinator over its
 * WebSocket; between them one operation of each runtime package (messaging, approvals, schedules,
 * channels) and one webhook call to the HTTP Input listener at `webhookUrl`. Returns log lines (never the secret's value); throws on the first failure.
 */
export async function run(baseUrl: string, apiKey: string, webhookUrl: string): Promise<string[]> {
  const lines: string[] = [];
  const ctx = createContext({ baseUrl, apiKey, maxRetries: 0, timeout: 20_000 });
  lines.push(`createContext: ${ctx.baseUrl} (api key set: ${ctx.hasApiKey})`);

  const health = await healthCheck(ctx);
  check(health.status === 'healthy', `health.status is "healthy" (got ${JSON.stringify(health.status)})`);
  check(isDate(health.timestamp), 'health.timestamp is a valid Date');
  lines.push(`healthCheck: ${health.status}, version ${health.version}, timestamp ${health.timestamp.toISOString()}`);

  const agents = await listAgents(ctx);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  check(Array.isArray(agents) && agents.length >= 1, 'listAgents returns the seeded agents');
  check(agents.every((agent) => uuid.test(agent.id) && typeof agent.name == 'string' && typeof agent.state == 'string'), 'each agent is { id (a UUID), name, state }');
  const agentId = agents[0]!.id;
  lines.push(`listAgents: ${agents.length} agent(s): ${agents.map((agent) => `${agent.name} (${agent.state})`).join(', ')}`);

  // Messaging between the first two agents: send, then the delivery status (non-destructive: the
  // matrix runs several runtimes at once against one mock, so no receiveMessages here).
  const [sender, recipient] = agents;
  check(sender !== undefined && recipient !== undefined, 'listAgents lists at least two agents');
  const sent = await sendMessage(ctx, recipient.id, { sender: sender.id, payload: `runtime matrix ${randomSuffix()}`, ttl_seconds: 60 });
  check(uuid.test(sent.message_id) && sent.status === 'pending', `sendMessage answers { message_id (a UUID), status: "pending" } (got ${JSON.stringify(sent.status)})`);
  const delivery = await getMessageStatus(ctx, sent.message_id);
  check(delivery.message_id === sent.message_id && ['pending', 'delivered'].includes(delivery.status), `getMessageStatus is pending or delivered (got ${JSON.stringify(delivery.status)})`);
  lines.push(`sendMessage + getMessageStatus: message ${sent.message_id} ${delivery.status}`);

  const held = await listApprovals(ctx);
  check(Array.isArray(held) && held.every((action) => isDate(action.expires_at)), 'listApprovals returns held actions with Dates');
  lines.push(`listApprovals: ${held.length} held action(s)`);

  const scheduler = await getSchedulerHealth(ctx);
  check(typeof scheduler.is_running === 'boolean' && Number.isInteger(scheduler.jobs_total), 'getSchedulerHealth answers is_running and an integer jobs_total');
  lines.push(`getSchedulerHealth: running ${scheduler.is_running}, ${scheduler.jobs_total} job(s)`);

  const channels = await listChannels(ctx);
  check(Array.isArray(channels), 'listChannels answers an array');
  lines.push(`listChannels: ${channels.length} channel(s)`);

  // The HTTP Input listener (its own port): signed with WebCrypto everywhere but in a browser,
  // where the listener's CORS allows no X-Hub-Signature-256 header.
  const signingSecret = typeof document === 'undefined' ? `whsec-${randomSuffix()}` : undefined;
  const hook = await invokeWebhook(createContext({ baseUrl: webhookUrl, apiKey, maxRetries: 0, timeout: 20_000 }), { prompt: 'runtime matrix' }, { signingSecret, route: 'matrix-agent' });
  check(hook.status === 'completed' && hook.response === 'Mock agent reply to: runtime matrix', `invokeWebhook answers completed with the scripted reply (got ${JSON.stringify(hook)})`);
  check(isDate(hook.timestamp), 'the webhook result timestamp is a valid Date');
  lines.push(`invokeWebhook: ${hook.status} by agent ${hook.agent_id}${signingSecret ? ', signed (X-Hub-Signature-256)' : ', unsigned (browser)'}, at ${hook.timestamp.toISOString()}`);

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
  const stored = await storeSecret(ctx, { agent_id: agentId, secret_name: secretName, secret_value: secretValue });
  check(stored.secret_name === secretName && stored.agent_id === agentId, 'storeSecret echoes the agent and secret name');
  check(isDate(stored.created_at), 'stored.created_at is a valid Date');
  const read = await getSecret(ctx, agentId, secretName);
  check(read === secretValue, 'getSecret returns the value stored');
  lines.push(`storeSecret + getSecret: ${secretName} read back, ${read.length} chars, equal to the value stored`);

  const unknown = '00000000-0000-4000-8000-000000000000';
  let notFound: unknown;
  try {
    await getAgentStatus(ctx, unknown);
  } catch (error) {
    notFound = error;
  }
  check(notFound !== undefined, `getAgentStatus(ctx, "${unknown}") rejects`);
  check(notFound instanceof NotFoundError, `the rejection is a NotFoundError (got ${String(notFound)})`);
  check(notFound.status === 404 && notFound.code === 'AGENT_NOT_FOUND', `NotFoundError is 404 AGENT_NOT_FOUND (got ${notFound.status} ${notFound.code})`);
  lines.push(`getAgentStatus(unknown agent): rejects with ${notFound.name}, status ${notFound.status}, code ${notFound.code}`);

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
