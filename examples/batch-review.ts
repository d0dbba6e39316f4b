// Batch review: submit several tools with bounded concurrency (at most 2 requests in flight),
// monitor them all until their analyses are done, decide by risk score, then wait for every
// review to complete. Runs against a mock runtime it starts.
import { createContext } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';
import {
  getAnalysisResults,
  iterateReviewSessions,
  ReviewStatus,
  submitHumanReviewDecision,
  submitToolForReview,
  waitForReviewCompletion,
  type ReviewSession,
  type ReviewSessionResponse,
  type Tool,
} from '@symbiont/reviews';

/** Run `task` over `items` with at most `limit` running at once; results keep the input order. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const provider = { name: 'batch-provider', public_key_url: 'https://provider.example.com/.well-known/schemapin.json' };
const tool = (name: string, description: string, properties: Record<string, unknown>, required: string[] = []): Tool =>
  ({ name, description, schema: { type: 'object', properties, required, additionalProperties: false }, provider });

const toolsToReview: Tool[] = [
  tool('calculator', 'Adds, subtracts, multiplies and divides two numbers', {
    operation: { type: 'string', enum: ['add', 'subtract', 'multiply', 'divide'] },
    a: { type: 'number' },
    b: { type: 'number' },
  }, ['operation', 'a', 'b']),
  tool('unit-converter', 'Converts between metric and imperial units', {
    value: { type: 'number' },
    from: { type: 'string', enum: ['km', 'mi', 'kg', 'lb'] },
    to: { type: 'string', enum: ['km', 'mi', 'kg', 'lb'] },
  }, ['value', 'from', 'to']),
  tool('weather', 'Fetches the weather forecast from a URL', { url: { type: 'string' } }, ['url']),
  tool('file-reader', 'Reads a file from disk', { path: { type: 'string' } }, ['path']),
  tool('shell-runner', 'Runs a shell command', { command: { type: 'string' } }, ['command']),
];
const SUBMITTER = 'batch@example.com';
const MAX_IN_FLIGHT = 2;
const APPROVE_BELOW = 30;

const runtime = await startMockRuntime({ apiKey: 'demo-key', reviewDelayMs: 200 });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  // 1. Submit every tool, at most MAX_IN_FLIGHT at a time.
  let inFlight = 0;
  let peak = 0;
  const submitted: ReviewSessionResponse[] = await mapWithConcurrency(toolsToReview, MAX_IN_FLIGHT, async (t) => {
    peak = Math.max(peak, ++inFlight);
    try {
      const session = await submitToolForReview(ctx, { tool: t, submitted_by: SUBMITTER });
      console.log(`Submitted ${t.name}: review ${session.review_id} (${session.status})`);
      return session;
    } finally {
      inFlight--;
    }
  });
  console.log(`Submitted ${submitted.length} tools for review (at most ${peak} requests in flight)`);
  if (peak > MAX_IN_FLIGHT) throw new Error(`concurrency bound broken: ${peak} in flight`);

  // 2. Monitor all sessions (every page of this submitter's sessions) until none is still being analysed.
  const analysing = new Set<string>([ReviewStatus.SUBMITTED, ReviewStatus.PENDING_ANALYSIS, ReviewStatus.ANALYZING]);
  let sessions: ReviewSession[] = [];
  for (let round = 1; ; round++) {
    sessions = [];
    for await (const session of iterateReviewSessions(ctx, { author: SUBMITTER, limit: 2 })) sessions.push(session);
    const counts = new Map<string, number>();
    for (const s of sessions) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
    console.log(`Round ${round}: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}`);
    if (sessions.every((s) => !analysing.has(s.status))) break;
    if (round === 50) throw new Error('analyses did not finish');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  // 3. Decide by risk score: approve low-risk tools, reject the rest.
  await mapWithConcurrency(sessions, MAX_IN_FLIGHT, async (session) => {
    const analysis = await getAnalysisResults(ctx, session.state.analysis_id!);
    const decision = analysis.risk_score < APPROVE_BELOW ? 'approve' : 'reject';
    const worst = analysis.findings.find((f) => f.severity === 'critical') ?? analysis.findings[0];
    console.log(`Tool ${session.tool.name}: risk ${analysis.risk_score}/100, ${analysis.findings.length} findings${worst ? ` (worst: ${worst.severity} ${worst.title})` : ''} → ${decision}`);
    await submitHumanReviewDecision(ctx, session.review_id, {
      decision,
      comments: `batch policy: approve below risk ${APPROVE_BELOW}`,
      reviewer_id: 'batch-reviewer@example.com',
    });
  });

  // 4. Wait for every review to complete, all at once.
  const finals = await Promise.all(submitted.map((s) => waitForReviewCompletion(ctx, s.review_id, { timeout: 30_000 })));
  for (const final of finals) console.log(`Tool ${final.tool.name}: ${final.status}`);
  const approved = finals.filter((f) => f.status === ReviewStatus.APPROVED).map((f) => f.tool.name);
  console.log(`Approved: ${approved.join(', ')}; rejected: ${finals.length - approved.length}`);
  if (!approved.includes('calculator') || approved.includes('shell-runner') || approved.includes('file-reader')) throw new Error('unexpected decisions');
} finally {
  await runtime.close();
}
