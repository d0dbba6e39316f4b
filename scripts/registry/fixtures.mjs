// The files of the fresh projects that scripts/registry/run.mjs installs the published packages
// into. Kept as strings (not .ts files in the repository) so the workspace's own typecheck, which
// resolves @symbiont/* to the sources, never sees them: they must compile against the PUBLISHED
// packages only.

/** The body shared by every runtime: `run(baseUrl, apiKey)` returns log lines, throws on a failed check. */
const programBody = `
function check(condition, what) {
  if (!condition) throw new Error('check failed: ' + what);
}

export async function run(baseUrl, apiKey) {
  const lines = [];
  const ctx = createContext({ baseUrl, apiKey, maxRetries: 0 });
  const health = await healthCheck(ctx);
  check(health.status === 'healthy' && health.timestamp instanceof Date, 'healthCheck: healthy, timestamp a Date');
  lines.push('healthCheck: ' + health.status);

  const agents = await listAgents(ctx);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  check(Array.isArray(agents) && agents.length > 0 && agents.every((agent) => uuid.test(agent.id) && typeof agent.state === 'string'), 'listAgents returns { id (a UUID), name, state }');
  check(AgentState.RUNNING === 'Running', 'AgentState enum object');
  const agentId = agents[0].id;
  lines.push('listAgents: ' + agents.length + ' agent(s)');

  const session = await submitToolForReview(ctx, {
    tool: { name: 'registry-adder', description: 'Adds', schema: { type: 'object', properties: { a: { type: 'number' } } }, provider: { name: 'registry-check' } },
    submitted_by: 'registry@example.com',
  });
  check(typeof session.review_id === 'string' && session.submitted_at instanceof Date, 'submitToolForReview returns a session');
  check(ReviewStatus.PENDING_REVIEW === 'pending_review', 'ReviewStatus enum object');
  lines.push('submitToolForReview: ' + session.status);

  const name = 'registry_' + Math.random().toString(36).slice(2, 10);
  await storeSecret(ctx, { agent_id: agentId, secret_name: name, secret_value: 'value-' + name });
  check((await getSecret(ctx, agentId, name)) === 'value-' + name, 'getSecret reads back the stored value');
  lines.push('storeSecret + getSecret: read back');

  let error;
  try {
    await getAgentStatus(ctx, '00000000-0000-4000-8000-000000000000');
  } catch (caught) {
    error = caught;
  }
  check(error instanceof NotFoundError && error.status === 404 && error.code === 'AGENT_NOT_FOUND', 'getAgentStatus(unknown agent) rejects with NotFoundError AGENT_NOT_FOUND');
  let wrongKey;
  try {
    await listAgents(createContext({ baseUrl, apiKey: 'wrong-key', maxRetries: 0 }));
  } catch (caught) {
    wrongKey = caught;
  }
  check(wrongKey instanceof AuthenticationError, 'a wrong key is an AuthenticationError');
  lines.push('errors: NotFoundError, AuthenticationError');
  return lines;
}
`;

const programImports = (spec) => `import { AgentState, AuthenticationError, createContext, getAgentStatus, healthCheck, listAgents, NotFoundError } from '${spec('@symbiont/core')}';
import { ReviewStatus, submitToolForReview } from '${spec('@symbiont/reviews')}';
import { getSecret, storeSecret } from '${spec('@symbiont/secrets')}';
`;

/** For Node and Bun: the package names, resolved from the project's node_modules. */
export const program = `${programImports((name) => name)}${programBody}
const lines = await run(process.argv[2], process.argv[3]);
console.log(lines.join('\\n'));
`;

/** For Deno: \`npm:\` specifiers, no node_modules, no package.json. */
export const denoProgram = (version) => `${programImports((name) => `npm:${name}@${version}`)}${programBody}
const lines = await run(Deno.args[0], Deno.args[1]);
console.log(lines.join('\\n'));
`;

/** Node only: `@symbiont/core/node` (dotenv and undici installed as the README says). */
export const nodeEntryProgram = `import { createContext, healthCheck, listAgents } from '@symbiont/core';
import { createContextFromEnv, createNodeTransport, loadEnv } from '@symbiont/core/node';

const vars = loadEnv('.env.registry-check');
if (vars.SYMBIONT_API_KEY !== process.argv[3]) throw new Error('loadEnv did not read the .env file');
const transport = createNodeTransport({ connections: 2 });
try {
  const ctx = createContextFromEnv({ envPath: '.env.registry-check', fetch: transport.fetch, maxRetries: 0 });
  const health = await healthCheck(ctx);
  const agents = await listAgents(ctx);
  if (health.status !== 'healthy' || agents.length === 0 || typeof agents[0].id !== 'string') throw new Error('unexpected answers through the Node transport');
  console.log('@symbiont/core/node: loadEnv, createContextFromEnv, createNodeTransport work');
} finally {
  await transport.close();
}
void createContext;
`;

/** Type-checked under `module: node16` with @types/node: every entry, as a Node user writes it. */
export const nodeTypes = `import { createContext, healthCheck, listAgents, NotFoundError, type AgentSummary, type Context } from '@symbiont/core';
import { createContextFromEnv, createNodeTransport, type NodeTransport } from '@symbiont/core/node';
import { call } from '@symbiont/core/kernel';
import { ReviewStatus, submitToolForReview, type ReviewSessionResponse, type VerifyOptions } from '@symbiont/reviews';
import { getSecret, type SecretBackendType } from '@symbiont/secrets';

const ctx: Context = createContext({ baseUrl: 'http://127.0.0.1:8080/api/v1', apiKey: 'k' });
const transport: NodeTransport = createNodeTransport({ proxy: 'env' });
const fromEnv: Context = createContextFromEnv({ fetch: transport.fetch });
const status: 'healthy' | string = (await healthCheck(ctx)).status;
const agents: AgentSummary[] = await listAgents(fromEnv);
const pending: 'pending_review' = ReviewStatus.PENDING_REVIEW;
const session: ReviewSessionResponse = await submitToolForReview(ctx, {
  tool: { name: 't', description: 'd', schema: { type: 'object', properties: {} }, provider: { name: 'p' } },
  submitted_by: 'me@example.com',
});
const submitted: Date = session.submitted_at;
const value: string = await getSecret(ctx, agents[0]?.id ?? '3f2b8c1e-6a7d-4e2f-9b1a-0c5d8e7f6a42', 'name');
const backend: SecretBackendType | undefined = undefined;
const key: VerifyOptions = { publicKey: (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])).publicKey };
// The types are real (not any): each of these must be an error.
// @ts-expect-error getSecret resolves to a string
const wrong: number = await getSecret(ctx, '3f2b8c1e-6a7d-4e2f-9b1a-0c5d8e7f6a42', 'name');
// @ts-expect-error an unknown review status
const typo: ReviewStatus = 'aproved';
export { agents, backend, key, call, fromEnv, NotFoundError, pending, status, submitted, typo, value, wrong };
`;

/** Type-checked under `moduleResolution: bundler` with the DOM lib and no @types/node: a browser app. */
export const browserApp = `import { createContext, healthCheck, listAgents, type Context } from '@symbiont/core';
import { listReviewSessions, ReviewStatus } from '@symbiont/reviews';
import { listSecrets } from '@symbiont/secrets';

const ctx: Context = createContext({ baseUrl: 'https://runtime.example/api/v1' });
export async function main(): Promise<string> {
  const health = await healthCheck(ctx);
  const agents = await listAgents(ctx);
  const sessions = await listReviewSessions(ctx, { status: ReviewStatus.PENDING_REVIEW });
  const secrets = await listSecrets(ctx, agents[0]?.id ?? '3f2b8c1e-6a7d-4e2f-9b1a-0c5d8e7f6a42');
  return [health.status, agents.length, sessions, secrets].join(' ');
}
`;

/** A CommonJS project (what \`npm init -y\` makes): require() of the ESM-only packages. */
export const commonjsProgram = `const { createContext, healthCheck } = require('@symbiont/core');
const { ReviewStatus } = require('@symbiont/reviews');
(async () => {
  const health = await healthCheck(createContext({ baseUrl: process.argv[2], maxRetries: 0 }));
  if (health.status !== 'healthy' || ReviewStatus.APPROVED !== 'approved') throw new Error('unexpected');
  console.log('require() works: ' + health.status);
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** The same CommonJS project in TypeScript. */
export const commonjsTypes = `import { createContext } from '@symbiont/core';
export const ctx = createContext();
`;
