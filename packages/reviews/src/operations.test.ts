import { APIError, createContext, NotFoundError, ResponseValidationError, ValidationError } from '@symbiont/core';
import { catchError, json, startScriptedServer, useMockRuntime } from '@symbiont/test-support';
import { describe, expect, it } from 'vitest';
import {
  FindingCategory,
  FindingSeverity,
  getAnalysisResults,
  getReviewSession,
  getSignedTool,
  listReviewSessions,
  ReviewDecision,
  ReviewPriority,
  ReviewStatus,
  signApprovedTool,
  submitHumanReviewDecision,
  submitToolForReview,
  verifySignedTool,
  waitForReviewCompletion,
  type Tool,
} from './index.ts';

const API_KEY = 'reviews-sdk-key';

const runtime = useMockRuntime({ apiKey: API_KEY, reviewDelayMs: 30 });

const calculator: Tool = {
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

/** A review that has reached `pending_review`, submitted outside the request log. */
async function pendingReview(submittedBy = 'dev@example.com'): Promise<string> {
  const { review_id } = await submitToolForReview(runtime.ctx, { tool: calculator, submitted_by: submittedBy });
  await waitForReviewCompletionOrPending(review_id);
  runtime.mock.clearRequests();
  return review_id;
}

async function waitForReviewCompletionOrPending(reviewId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await getReviewSession(runtime.ctx, reviewId)).status === 'pending_review') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('never reached pending_review');
}

describe('enums', () => {
  it('are frozen objects with the wire strings', () => {
    expect(ReviewStatus.PENDING_REVIEW).toBe('pending_review');
    expect(ReviewStatus.SIGNING_FAILED).toBe('signing_failed');
    expect(FindingSeverity.CRITICAL).toBe('critical');
    expect(FindingCategory.SCHEMA_INJECTION).toBe('schema_injection');
    expect(FindingCategory.RESOURCE_ABUSE).toBe('resource_abuse');
    expect(ReviewDecision.APPROVE).toBe('approve');
    expect(ReviewPriority.NORMAL).toBe('normal');
    expect(Object.isFrozen(ReviewStatus)).toBe(true);
    expect(Object.values(ReviewStatus)).toHaveLength(10);
  });
});

describe('submitToolForReview', () => {
  it('POST /tool-review/sessions with the schema under `schema` and the defaults applied', async () => {
    const { schema, ...rest } = calculator;
    const response = await submitToolForReview(runtime.ctx, {
      tool: { ...rest, schema: { properties: schema.properties } },
      submitted_by: 'dev@example.com',
    });
    expect(response).toEqual({ review_id: expect.any(String), status: 'submitted', submitted_at: expect.any(Date), estimated_completion: expect.any(Date) });
    expect(runtime.mock.requests).toHaveLength(1);
    const [request] = runtime.mock.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/tool-review/sessions', query: {} });
    expect(request!.body).toEqual({
      tool: { ...rest, schema: { type: 'object', properties: schema.properties, required: [] } },
      submitted_by: 'dev@example.com',
      priority: 'normal',
    });
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('sends a given priority and extra JSON Schema keywords as they are', async () => {
    await submitToolForReview(runtime.ctx, {
      tool: { ...calculator, schema: { ...calculator.schema, additionalProperties: false } },
      submitted_by: 'dev@example.com',
      priority: 'urgent',
    });
    expect(runtime.mock.requests[0]!.body).toMatchObject({ priority: 'urgent', tool: { schema: { additionalProperties: false, type: 'object' } } });
    expect(runtime.mock.requests[0]!.body).not.toHaveProperty('tool_schema');
  });

  it.each([
    [{ tool: { ...calculator, name: '' }, submitted_by: 'x' }, 'tool.name'],
    [{ tool: { ...calculator, schema: { ...calculator.schema, properties: undefined } }, submitted_by: 'x' }, 'tool.schema.properties'],
    [{ tool: { ...calculator, schema: { ...calculator.schema, required: 'a' } }, submitted_by: 'x' }, 'tool.schema.required'],
    [{ tool: { ...calculator, provider: { name: 'p', colour: 'red' } }, submitted_by: 'x' }, 'tool.provider.colour'],
    [{ tool: { ...calculator, tool_schema: {} }, submitted_by: 'x' }, 'tool.tool_schema'],
    [{ tool: calculator }, 'submitted_by'],
    [{ tool: calculator, submitted_by: 'x', priority: 3 }, 'priority'],
  ])('refuses bad input naming %# the field, sending nothing', async (request, field) => {
    const error = await catchError(submitToolForReview(runtime.ctx, request as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('submitToolForReview');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('getReviewSession', () => {
  it('GET /tool-review/sessions/{review_id}, dates as Dates, percent-encoded id', async () => {
    const { review_id } = await submitToolForReview(runtime.ctx, { tool: calculator, submitted_by: 'dev@example.com' });
    runtime.mock.clearRequests();
    const session = await getReviewSession(runtime.ctx, review_id);
    expect(runtime.mock.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([['GET', `/tool-review/sessions/${review_id}`, {}, undefined]]);
    // The session moves on by itself (submitted → analyzing → pending_review): any of them may be seen.
    expect(['submitted', 'analyzing', 'pending_review']).toContain(session.status);
    expect(session).toMatchObject({ review_id, submitted_by: 'dev@example.com', priority: 'normal', state: { type: session.status, critical_findings: [] } });
    expect(session.tool).toEqual({ ...calculator });
    expect(session.submitted_at).toBeInstanceOf(Date);
    expect(session.estimated_completion).toBeInstanceOf(Date);

    const error = await catchError(getReviewSession(runtime.ctx, 'no/such review'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(error.code).toBe('NOT_FOUND');
    expect(runtime.mock.requests[1]!.path).toBe('/tool-review/sessions/no%2Fsuch%20review');
  });

  it.each(['', '.', '..'])('refuses review id %j without sending', async (id) => {
    const error = await catchError(getReviewSession(runtime.ctx, id));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toBe('review_id');
    expect(runtime.mock.requests).toHaveLength(0);
  });
});

describe('listReviewSessions', () => {
  it('sends only the filters given', async () => {
    const author = `list-${Date.now()}@example.com`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submitToolForReview(runtime.ctx, { tool: calculator, submitted_by: author })).review_id);
    runtime.mock.clearRequests();

    const all = await listReviewSessions(runtime.ctx);
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'GET', path: '/tool-review/sessions', query: {}, body: undefined });
    expect(all.pagination).toMatchObject({ page: 1, limit: 20 });

    const page = await listReviewSessions(runtime.ctx, { page: 2, limit: 2, author });
    expect(runtime.mock.requests[1]).toMatchObject({ method: 'GET', path: '/tool-review/sessions', query: { page: '2', limit: '2', author } });
    expect(page.sessions.map((s) => s.review_id)).toEqual(ids.slice(2));
    expect(page.pagination).toEqual({ page: 2, limit: 2, total: 3, has_next: false });
    expect(page.sessions[0]!.submitted_at).toBeInstanceOf(Date);

    // Sessions move on by themselves: the status filter is checked on the wire and on the result.
    const filtered = await listReviewSessions(runtime.ctx, { status: 'rejected', author });
    expect(runtime.mock.requests[2]!.query).toEqual({ status: 'rejected', author });
    expect(filtered.sessions).toEqual([]);
    await listReviewSessions(runtime.ctx, { page: 1, limit: 100, status: 'submitted', author: 'a@b', extra: undefined } as never);
    expect(runtime.mock.requests[3]!.query).toEqual({ page: '1', limit: '100', status: 'submitted', author: 'a@b' });
  });

  it('a server error is an APIError with the runtime code', async () => {
    const { request } = await import('@symbiont/core');
    const error = await catchError(request(runtime.ctx, { method: 'GET', path: '/tool-review/sessions', query: { limit: 500 } }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_ERROR');
  });
});

describe('getAnalysisResults', () => {
  it('GET /tool-review/analysis/{analysis_id}', async () => {
    const reviewId = await pendingReview();
    const session = await getReviewSession(runtime.ctx, reviewId);
    const analysisId = session.state.analysis_id!;
    expect(session.state.analysis_completed_at).toBeInstanceOf(Date);
    const analysis = await getAnalysisResults(runtime.ctx, analysisId);
    expect(runtime.mock.requests[1]).toMatchObject({ method: 'GET', path: `/tool-review/analysis/${analysisId}`, query: {}, body: undefined });
    expect(analysis).toMatchObject({ analysis_id: analysisId, risk_score: 10, recommendations: expect.any(Array) });
    expect(analysis.completed_at).toBeInstanceOf(Date);
    expect(analysis.findings[0]).toMatchObject({ severity: 'low', category: 'schema_injection', confidence: 0.5 });

    expect(await catchError(getAnalysisResults(runtime.ctx, 'unknown-analysis'))).toBeInstanceOf(NotFoundError);
  });
});

describe('submitHumanReviewDecision', () => {
  it('POST /tool-review/sessions/{review_id}/decisions', async () => {
    const reviewId = await pendingReview();
    const result = await submitHumanReviewDecision(runtime.ctx, reviewId, { decision: 'approve', comments: 'Tool looks safe after manual review', reviewer_id: 'reviewer@example.com' });
    expect(runtime.mock.requests[0]).toMatchObject({
      method: 'POST',
      path: `/tool-review/sessions/${reviewId}/decisions`,
      query: {},
      body: { decision: 'approve', comments: 'Tool looks safe after manual review', reviewer_id: 'reviewer@example.com' },
    });
    expect(result).toMatchObject({ review_id: reviewId, status: 'approved' });
    expect((await getReviewSession(runtime.ctx, reviewId)).state.human_reviewer_id).toBe('reviewer@example.com');
  });

  it('omits comments when not given', async () => {
    const reviewId = await pendingReview();
    await submitHumanReviewDecision(runtime.ctx, reviewId, { decision: 'reject', reviewer_id: 'r' });
    expect(runtime.mock.requests[0]!.body).toEqual({ decision: 'reject', reviewer_id: 'r' });
  });

  it.each(['approved', 'maybe', 'APPROVE', undefined])('refuses decision %j naming the field, sending nothing', async (decision) => {
    const error = await catchError(submitHumanReviewDecision(runtime.ctx, 'review-123', { decision, reviewer_id: 'r' } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('submitHumanReviewDecision');
    expect(error.issues[0].path).toBe('decision');
    expect(error.message).toContain('decision');
    expect(error.message).toContain('expected one of approve, reject');
    expect(runtime.mock.requests).toHaveLength(0);
  });

  it('unknown review id → NotFoundError', async () => {
    expect(await catchError(submitHumanReviewDecision(runtime.ctx, 'nope', { decision: 'approve', reviewer_id: 'r' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('signApprovedTool and getSignedTool', () => {
  it('POST /tool-review/sign then GET /tool-review/signed/{review_id}; the signature verifies', async () => {
    const reviewId = await pendingReview();
    await submitHumanReviewDecision(runtime.ctx, reviewId, { decision: 'approve', reviewer_id: 'r' });
    runtime.mock.clearRequests();

    const signature = await signApprovedTool(runtime.ctx, { review_id: reviewId, signing_key_id: 'key-456' });
    expect(runtime.mock.requests[0]).toMatchObject({ method: 'POST', path: '/tool-review/sign', query: {}, body: { review_id: reviewId, signing_key_id: 'key-456' } });
    expect(signature).toEqual({ signature: expect.any(String), signed_at: expect.any(Date), signer_id: 'key-456', signature_algorithm: 'ES256' });

    const signed = await getSignedTool(runtime.ctx, reviewId);
    expect(runtime.mock.requests[1]).toMatchObject({ method: 'GET', path: `/tool-review/signed/${reviewId}`, query: {}, body: undefined });
    expect(signed).toMatchObject({ review_id: reviewId, signature: signature.signature, signature_algorithm: 'ES256', tool: calculator });
    expect(signed.signed_at).toBeInstanceOf(Date);
    expect(await verifySignedTool(signed, { publicKey: runtime.mock.publicKey })).toBe(true);
    expect((await getReviewSession(runtime.ctx, reviewId)).status).toBe('signed');
  });

  it('refuses to sign a session that is not approved (409 APIError)', async () => {
    const reviewId = await pendingReview();
    const error = await catchError(signApprovedTool(runtime.ctx, { review_id: reviewId, signing_key_id: 'k' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(409);
    expect(error.code).toBe('CONFLICT');
    expect(await catchError(getSignedTool(runtime.ctx, reviewId))).toBeInstanceOf(NotFoundError);
  });

  it('validates the signing request and the review id before sending', async () => {
    const missing = await catchError(signApprovedTool(runtime.ctx, { review_id: '' } as never));
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.issues.map((i: { path: string }) => i.path)).toEqual(['review_id', 'signing_key_id']);
    expect(await catchError(getSignedTool(runtime.ctx, ''))).toBeInstanceOf(ValidationError);
    expect(runtime.mock.requests).toHaveLength(0);
    expect(await catchError(getSignedTool(runtime.ctx, 'nope'))).toBeInstanceOf(NotFoundError);
    expect(await catchError(signApprovedTool(runtime.ctx, { review_id: 'nope', signing_key_id: 'k' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('the whole flow with waitForReviewCompletion', () => {
  it('submit → wait (onProgress) → approve → wait → sign', async () => {
    const { review_id } = await submitToolForReview(runtime.ctx, { tool: calculator, submitted_by: 'flow@example.com' });
    const seen: string[] = [];
    // pending_review is not terminal: an abort after it is seen ends the first wait.
    const controller = new AbortController();
    const waiting = waitForReviewCompletion(runtime.ctx, review_id, {
      interval: 20,
      signal: controller.signal,
      onProgress: (session) => {
        seen.push(session.status);
        if (session.status === 'pending_review') controller.abort(new Error('reviewed'));
      },
    });
    await expect(waiting).rejects.toThrow('reviewed');
    // Each status once, in workflow order (a fast step may fall between two polls).
    expect(seen.at(-1)).toBe('pending_review');
    expect(seen).toEqual(['submitted', 'analyzing', 'pending_review'].filter((status) => seen.includes(status)));

    await submitHumanReviewDecision(runtime.ctx, review_id, { decision: 'approve', reviewer_id: 'r' });
    const approved = await waitForReviewCompletion(runtime.ctx, review_id, { interval: 20 });
    expect(approved.status).toBe('approved');
    await signApprovedTool(runtime.ctx, { review_id, signing_key_id: 'k' });
    expect((await waitForReviewCompletion(runtime.ctx, review_id)).status).toBe('signed');
    expect(await catchError(waitForReviewCompletion(runtime.ctx, 'unknown-review'))).toBeInstanceOf(NotFoundError);
  });
});

describe('responses', () => {
  it('applies response defaults (priority, critical_findings, recommendations) and keeps the tool schema as sent', async () => {
    const server = await startScriptedServer();
    try {
      const scripted = createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });
      const tool = { name: 'n', description: 'd', schema: { properties: { x: { type: 'string' } }, $comment: 'kept' }, provider: { name: 'p' }, extra: 1 };
      server.handle((_, res) => json(res, 200, { review_id: 'r1', tool, status: 'awaiting_human_review', state: { type: 'x' }, submitted_by: 'a', submitted_at: '2024-01-01T00:00:00Z' }));
      const session = await getReviewSession(scripted, 'r1');
      expect(session.priority).toBe('normal');
      expect(session.state.critical_findings).toEqual([]);
      expect(session.status).toBe('awaiting_human_review');
      expect(session.tool).toEqual(tool);
      expect(session.tool.schema).not.toHaveProperty('type');
      expect(session.tool.schema).not.toHaveProperty('required');

      server.handle((_, res) => json(res, 200, { analysis_id: 'a', risk_score: 42, findings: [], completed_at: '2024-01-01T00:00:00Z' }));
      expect((await getAnalysisResults(scripted, 'a')).recommendations).toEqual([]);

      server.handle((_, res) => json(res, 200, { analysis_id: 'a', risk_score: 0.42, findings: [], completed_at: '2024-01-01T00:00:00Z' }));
      const error = await catchError(getAnalysisResults(scripted, 'a'));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.issues[0].path).toBe('response.risk_score');

      server.handle((_, res) => json(res, 200, { sessions: [] }));
      expect(await listReviewSessions(scripted)).toEqual({ sessions: [] });
    } finally {
      await server.close();
    }
  });
});

describe('null optional fields (servers written with pydantic send null for absent optionals)', () => {
  it('accepts null for every optional response field: kept as null, or the default where there is one', async () => {
    const server = await startScriptedServer();
    try {
      const scripted = createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });
      const finding = { finding_id: 'f1', severity: 'high', category: 'other', title: 't', description: 'd', confidence: 0.5, recommendation: null };
      const tool = { name: 'n', description: 'd', schema: { type: null, properties: {}, required: null }, provider: { name: 'p', public_key_url: null } };
      server.handle((_, res) => json(res, 200, {
        review_id: 'r1',
        tool,
        status: 'under_review',
        state: { type: 'under_review', analysis_id: null, analysis_completed_at: null, critical_findings: null, human_reviewer_id: null, review_started_at: null },
        submitted_by: 'a',
        submitted_at: '2024-01-01T00:00:00Z',
        estimated_completion: null,
        priority: null,
      }));
      expect(await getReviewSession(scripted, 'r1')).toEqual({
        review_id: 'r1',
        tool, // kept exactly as sent: nulls included, no defaults
        status: 'under_review',
        state: { type: 'under_review', analysis_id: null, analysis_completed_at: null, critical_findings: [], human_reviewer_id: null, review_started_at: null },
        submitted_by: 'a',
        submitted_at: new Date('2024-01-01T00:00:00Z'),
        estimated_completion: null,
        priority: 'normal',
      });

      server.handle((_, res) => json(res, 200, {
        review_id: 'r1', tool, status: 'under_review', submitted_by: 'a', submitted_at: '2024-01-01T00:00:00Z',
        state: { type: 'under_review', critical_findings: [finding] },
      }));
      expect((await getReviewSession(scripted, 'r1')).state.critical_findings).toEqual([finding]);

      server.handle((_, res) => json(res, 201, { review_id: 'r2', status: 'submitted', submitted_at: '2024-01-01T00:00:00Z', estimated_completion: null }));
      expect(await submitToolForReview(scripted, { tool: calculator, submitted_by: 'a' })).toEqual({
        review_id: 'r2', status: 'submitted', submitted_at: new Date('2024-01-01T00:00:00Z'), estimated_completion: null,
      });

      server.handle((_, res) => json(res, 200, { analysis_id: 'a', risk_score: 42, findings: [finding], recommendations: null, completed_at: '2024-01-01T00:00:00Z' }));
      expect(await getAnalysisResults(scripted, 'a')).toEqual({ analysis_id: 'a', risk_score: 42, findings: [finding], recommendations: [], completed_at: new Date('2024-01-01T00:00:00Z') });

      server.handle((_, res) => json(res, 200, { sessions: [], pagination: { page: null, limit: null, total: null, has_next: null } }));
      expect(await listReviewSessions(scripted)).toEqual({ sessions: [], pagination: { page: null, limit: null, total: null, has_next: null } });
      server.handle((_, res) => json(res, 200, { sessions: [], pagination: null }));
      expect(await listReviewSessions(scripted)).toEqual({ sessions: [], pagination: null });
    } finally {
      await server.close();
    }
  });

  it('sends an optional request field given as null as null (or its default), and omits one not given', async () => {
    const server = await startScriptedServer((_, res) => json(res, 201, { review_id: 'r1', status: 'submitted', submitted_at: '2024-01-01T00:00:00Z' }));
    try {
      const scripted = createContext({ baseUrl: `${server.url}/api/v1`, maxRetries: 0 });
      const withNulls = { ...calculator, schema: { type: null, properties: {}, required: null }, provider: { name: 'p', public_key_url: null } };
      await submitToolForReview(scripted, { tool: withNulls, submitted_by: 'a', priority: null });
      const withoutOptionals = { ...calculator, schema: { properties: {} }, provider: { name: 'p' } };
      await submitToolForReview(scripted, { tool: withoutOptionals, submitted_by: 'a' });
      // A null with a contract default becomes the default; a null without one is sent as null.
      const sent = { name: calculator.name, description: calculator.description, schema: { type: 'object', properties: {}, required: [] } };
      expect(server.requests[0]!.body).toEqual({ tool: { ...sent, provider: { name: 'p', public_key_url: null } }, submitted_by: 'a', priority: 'normal' });
      expect(server.requests[1]!.body).toEqual({ tool: { ...sent, provider: { name: 'p' } }, submitted_by: 'a', priority: 'normal' });
      expect(server.requests[1]!.text).not.toContain('public_key_url');

      server.handle((_, res) => json(res, 200, { status: 'approved' }));
      await submitHumanReviewDecision(scripted, 'r1', { decision: 'approve', reviewer_id: 'r', comments: null });
      await submitHumanReviewDecision(scripted, 'r1', { decision: 'approve', reviewer_id: 'r' });
      expect(server.requests[2]!.body).toEqual({ decision: 'approve', comments: null, reviewer_id: 'r' });
      expect(server.requests[2]!.text).toContain('"comments":null');
      expect(server.requests[3]!.body).toEqual({ decision: 'approve', reviewer_id: 'r' });
      expect(server.requests[3]!.text).not.toContain('comments');
    } finally {
      await server.close();
    }
  });
});

describe('listReviewSessions filters', () => {
  it('refuses a page below 1 or a limit above 100 before sending', async () => {
    const { startScriptedServer } = await import('@symbiont/test-support');
    const { createContext, ValidationError } = await import('@symbiont/core');
    const server = await startScriptedServer();
    try {
      const ctx = createContext({ baseUrl: server.url });
      for (const filters of [{ page: 0 }, { limit: 101 }, { limit: 2.5 }, { colour: 'red' }]) {
        const error = await listReviewSessions(ctx, filters as never).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as InstanceType<typeof ValidationError>).issues[0]!.path).toBe(Object.keys(filters)[0]);
      }
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
