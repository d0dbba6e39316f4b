// Tool review, end to end: define a tool, submit it, watch the review, read the security findings,
// approve, sign, fetch the signed tool and verify its SchemaPin signature (then show that a
// tampered schema fails verification). Runs against a mock runtime it starts.
import { createContext, NotFoundError } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';
import {
  fetchProviderKey,
  getAnalysisResults,
  getReviewSession,
  getSignedTool,
  iterateReviewSessions,
  listReviewSessions,
  ReviewStatus,
  signApprovedTool,
  submitHumanReviewDecision,
  submitToolForReview,
  verifySignedTool,
  waitForReviewCompletion,
  type ReviewSession,
  type Tool,
} from '@symbiont/reviews';

const runtime = await startMockRuntime({ apiKey: 'demo-key', reviewDelayMs: 400 });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  // 1. Define a tool for review.
  const tool: Tool = {
    name: 'example-calculator',
    description: 'A simple calculator tool',
    schema: {
      type: 'object',
      properties: {
        operation: { type: 'string', enum: ['add', 'subtract', 'multiply', 'divide'] },
        a: { type: 'number' },
        b: { type: 'number' },
      },
      required: ['operation', 'a', 'b'],
    },
    provider: { name: 'example-provider', public_key_url: 'https://example.com/pubkey.pem' },
  };

  // 2. Submit it.
  const submitted = await submitToolForReview(ctx, { tool, submitted_by: 'developer@example.com', priority: 'normal' });
  console.log(`Review session ${submitted.review_id} created with status: ${submitted.status}`);
  console.log(`Estimated completion: ${submitted.estimated_completion?.toISOString() ?? 'unknown'}`);

  // 3. Watch it: the wait ends at approved/rejected/signed/signing_failed. When the automatic
  //    analysis is done (pending_review) a human reviewer reads the findings and decides.
  const reviewer = new AbortController();
  let review: Promise<void> | undefined;
  const humanReview = async (session: ReviewSession): Promise<void> => {
    console.log(`Submitted by: ${session.submitted_by}`);
    if (session.state.analysis_id) {
      const analysis = await getAnalysisResults(ctx, session.state.analysis_id);
      console.log(`Risk score: ${analysis.risk_score}/100`);
      console.log(`Found ${analysis.findings.length} security findings`);
      for (const finding of analysis.findings) console.log(`- ${finding.severity.toUpperCase()}: ${finding.title}`);
      for (const recommendation of analysis.recommendations) console.log(`  recommendation: ${recommendation}`);
      console.log(`Critical findings: ${session.state.critical_findings.length}`);
    }
    const result = await submitHumanReviewDecision(ctx, session.review_id, {
      decision: 'approve',
      comments: 'Tool looks safe after manual review',
      reviewer_id: 'reviewer@example.com',
    });
    console.log(`Decision submitted: ${JSON.stringify(result)}`);
  };

  const final = await waitForReviewCompletion(ctx, submitted.review_id, {
    timeout: 30_000,
    interval: 250,
    signal: reviewer.signal,
    onProgress: (session) => {
      console.log(`  progress: ${session.status}`);
      if (session.status === ReviewStatus.PENDING_REVIEW) {
        review ??= humanReview(session).catch((error: unknown) => reviewer.abort(error));
      }
    },
  });
  await review;
  console.log(`Review completed with status: ${final.status}`);
  if (final.status !== ReviewStatus.APPROVED) throw new Error(`expected the calculator to be approved, got ${final.status}`);
  console.log('Tool approved for signing!');

  // 4. List review sessions with filters, one page and then every page.
  const sessions = await listReviewSessions(ctx, { page: 1, limit: 10, status: 'approved', author: 'developer@example.com' });
  console.log(`Found ${sessions.sessions.length} sessions`);
  for (const session of sessions.sessions) console.log(`- ${session.review_id}: ${session.tool.name} (${session.status})`);
  for await (const session of iterateReviewSessions(ctx, { author: 'developer@example.com', limit: 50 })) {
    console.log(`  (all pages) ${session.tool.name}: ${session.status}`);
  }

  // 5. Sign the approved tool and fetch the signed tool.
  const signature = await signApprovedTool(ctx, { review_id: submitted.review_id, signing_key_id: 'key-456' });
  console.log(`Tool signed at ${signature.signed_at.toISOString()}`);
  console.log(`Signature: ${signature.signature}`);
  const signed = await getSignedTool(ctx, submitted.review_id);
  console.log(`Signed tool: ${signed.tool.name}`);
  console.log(`Signature algorithm: ${signed.signature_algorithm}`);

  // 6. Verify the signature with the provider's published key (SchemaPin's .well-known document,
  //    at the server root). No API key or context header is sent to that host.
  const publicKey = await fetchProviderKey(ctx, new URL('/.well-known/schemapin.json', runtime.url).href);
  console.log(`Provider key: ${publicKey.split('\n')[0]}… (${publicKey.length} characters)`);
  const valid = await verifySignedTool(signed, { publicKey });
  console.log(`Signature valid: ${valid}`);
  if (!valid) throw new Error('the signature of the signed tool did not verify');

  // 7. A tampered schema fails verification.
  const tampered = {
    ...signed,
    tool: {
      ...signed.tool,
      schema: { ...signed.tool.schema, properties: { ...signed.tool.schema.properties, command: { type: 'string' } } },
    },
  };
  const tamperedValid = await verifySignedTool(tampered, { publicKey });
  console.log(`Tampered schema valid: ${tamperedValid}`);
  if (tamperedValid) throw new Error('a tampered tool verified');

  // 8. Unknown review ids are NotFoundErrors.
  try {
    await getReviewSession(ctx, 'non-existent-review');
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`Resource not found: ${error.message}`);
  }
} finally {
  await runtime.close();
}
