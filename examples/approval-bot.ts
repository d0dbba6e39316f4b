// An approval bot: watch the actions the runtime holds for a human, decide each one once by a
// simple rule, and see what the runtime does with a decision (forgets the action) and with an
// action nobody decides (denies it when it expires). Runs against a mock runtime it starts; the
// mock's holdAction(...) plays the agents whose actions policy holds.
import { createContext, NotFoundError } from '@symbiont/core';
import { approveAction, denyAction, HeldActionKind, listApprovals, watchApprovals, type HeldAction } from '@symbiont/approvals';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });
  const agent = '3f6c2a9e-8b1d-4c7e-9a5f-2d4b6e8a1c3f';

  // Agents hit policy: three actions wait for a human.
  runtime.holdAction({ agent_id: agent, kind: HeldActionKind.TOOL_CALL, summary: 'read customers.csv', reason: 'file access' });
  runtime.holdAction({ agent_id: agent, kind: HeldActionKind.TOOL_CALL, summary: 'send email to all customers', reason: 'outbound email' });
  runtime.holdAction({ agent_id: agent, kind: HeldActionKind.DELEGATE, summary: 'delegate refunds to billing-agent', context_snapshot: { amount: 120 } });
  console.log(`Held: ${(await listApprovals(ctx)).length} actions`);

  // The bot's rule: read-only tool calls are fine, anything else is denied.
  const decide = async (action: HeldAction): Promise<string> => {
    if (action.kind === HeldActionKind.TOOL_CALL && action.summary.startsWith('read ')) {
      await approveAction(ctx, action.id, { reason: 'read-only tool call' });
      return 'approved';
    }
    await denyAction(ctx, action.id, { reason: 'needs a human' });
    return 'denied';
  };

  const controller = new AbortController();
  let decided = 0;
  let lastId = '';
  for await (const action of watchApprovals(ctx, { interval: 100, signal: controller.signal })) {
    const verdict = await decide(action);
    lastId = action.id;
    console.log(`${verdict}: [${action.kind}] ${action.summary} (held ${action.created_at.toISOString()}, expires ${action.expires_at.toISOString()})`);
    // Another action arrives while the bot runs: the next poll yields it (and only it).
    if (++decided === 3) runtime.holdAction({ agent_id: agent, kind: HeldActionKind.SCHEDULE, summary: 'create nightly export job' });
    if (decided === 4) controller.abort(); // the loop ends normally at the next step
  }
  console.log(`The bot decided ${decided} actions, each once; still held: ${(await listApprovals(ctx)).length}`);

  // The runtime forgets a decided action: deciding it again is a NotFoundError (code not_found).
  try {
    await approveAction(ctx, lastId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`Deciding again: ${error.name} (${error.code})`);
  }

  // Nobody decides this one: it expires denied and leaves the list.
  const expiring = runtime.holdAction({ agent_id: agent, summary: 'delete old backups', expiresInMs: 200 });
  console.log(`Held ${expiring.id} until ${expiring.expires_at}; listed: ${(await listApprovals(ctx)).some((a) => a.id === expiring.id)}`);
  await new Promise((resolve) => setTimeout(resolve, 400));
  console.log(`After it expired (denied), listed: ${(await listApprovals(ctx)).some((a) => a.id === expiring.id)}`);
} finally {
  await runtime.close();
}
