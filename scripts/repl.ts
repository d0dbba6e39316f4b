// `pnpm repl`: a Node REPL with every SDK package loaded and a `ctx` ready, with top-level await.
//   pnpm repl          ctx from the environment (.env loaded: SYMBIONT_API_KEY, SYMBIONT_BASE_URL, …)
//   pnpm repl --mock   starts a mock runtime and points ctx at it (`runtime` is in scope too)
// Every export of every package is a global (healthCheck, submitToolForReview, …), and each
// package is also there as a namespace: core, reviews, secrets, mcp, knowledge, dsl,
// messaging, schedules, approvals, channels, webhooks, chat.
import { start } from 'node:repl';
import * as core from '@symbiont/core';
import { createContextFromEnv } from '@symbiont/core/node';
import * as dsl from '@symbiont/dsl';
import * as approvals from '@symbiont/approvals';
import * as channels from '@symbiont/channels';
import * as chat from '@symbiont/chat';
import * as messaging from '@symbiont/messaging';
import * as schedules from '@symbiont/schedules';
import * as webhooks from '@symbiont/webhooks';
import * as knowledge from '@symbiont/knowledge';
import * as mcp from '@symbiont/mcp';
import * as reviews from '@symbiont/reviews';
import * as secrets from '@symbiont/secrets';

const mock = process.argv.includes('--mock');
let runtime: Awaited<ReturnType<typeof import('@symbiont/mock-runtime').startMockRuntime>> | undefined;
let ctx: core.Context;
if (mock) {
  const { startMockRuntime } = await import('@symbiont/mock-runtime');
  runtime = await startMockRuntime({ apiKey: 'repl-key' });
  ctx = core.createContext({ baseUrl: runtime.url, apiKey: 'repl-key' });
} else {
  ctx = createContextFromEnv();
}

const packages = { core, reviews, secrets, mcp, knowledge, dsl, messaging, schedules, approvals, channels, webhooks, chat };
const quiet = !process.stdin.isTTY;
if (!quiet || mock) {
  console.log(`Symbiont SDK REPL: ctx → ${ctx.baseUrl}${mock ? ' (mock runtime)' : ''}. Try: await healthCheck(ctx)`);
}
const server = start({ prompt: quiet ? '' : 'symbiont> ', terminal: !quiet, useGlobal: true });
Object.assign(server.context, ...Object.values(packages), packages, { ctx, runtime });
server.on('exit', async () => {
  await runtime?.close();
  process.exit(0);
});
