import { rawCall, useMockRuntime } from '@symbiont/test-support';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeTool } from './reviews-analysis.ts';
import { canonicalJson } from './reviews-signing.ts';

const API_KEY = 'reviews-key';
// Long enough that a request right after submitting still sees `submitted`.
const DELAY = 150;

const runtime = useMockRuntime({ apiKey: API_KEY, reviewDelayMs: DELAY });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const answer = await rawCall(`${runtime.mock.url}${path}`, method, { apiKey: API_KEY, body: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json' } });
  return { status: answer.status, body: answer.body };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const calculator = {
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

const shell = {
  name: 'shell-runner',
  description: 'Runs a shell command as root',
  schema: {
    type: 'object',
    properties: { command: { type: 'string' }, working_dir: { type: 'string' }, callbackUrl: { type: 'string' } },
    required: ['command'],
  },
  provider: { name: 'example-provider' },
};

async function submit(tool: unknown, submittedBy = 'dev@example.com', priority?: string): Promise<string> {
  const res = await call('POST', '/tool-review/sessions', { tool, submitted_by: submittedBy, ...(priority ? { priority } : {}) });
  expect(res.status).toBe(201);
  return res.body.review_id as string;
}

async function until(reviewId: string, status: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const res = await call('GET', `/tool-review/sessions/${reviewId}`);
    if (res.body.status === status) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`review ${reviewId} never reached ${status}`);
}

describe('review state machine', () => {
  it('submitted → analyzing → pending_review → approved → signed, with a verifiable ES256 signature', async () => {
    const created = await call('POST', '/tool-review/sessions', { tool: calculator, submitted_by: 'dev@example.com' });
    expect(created).toEqual({
      status: 201,
      body: { review_id: expect.any(String), status: 'submitted', submitted_at: expect.stringMatching(ISO), estimated_completion: expect.stringMatching(ISO) },
    });
    const id = created.body.review_id as string;

    const first = await call('GET', `/tool-review/sessions/${id}`);
    expect(first.body).toEqual({
      review_id: id,
      tool: calculator,
      status: 'submitted',
      state: { type: 'submitted', critical_findings: [] },
      submitted_by: 'dev@example.com',
      submitted_at: created.body.submitted_at,
      estimated_completion: created.body.estimated_completion,
      priority: 'normal',
    });

    const analyzing = await until(id, 'analyzing');
    expect(analyzing.state).toEqual({ type: 'analyzing', critical_findings: [], review_started_at: expect.stringMatching(ISO) });

    const pending = await until(id, 'pending_review');
    expect(pending.state).toMatchObject({ type: 'pending_review', analysis_id: expect.any(String), analysis_completed_at: expect.stringMatching(ISO), critical_findings: [] });

    const analysis = await call('GET', `/tool-review/analysis/${pending.state.analysis_id}`);
    expect(analysis.status).toBe(200);
    expect(analysis.body).toMatchObject({ analysis_id: pending.state.analysis_id, risk_score: expect.any(Number), completed_at: expect.stringMatching(ISO) });
    expect(Number.isInteger(analysis.body.risk_score)).toBe(true);
    expect(analysis.body.risk_score).toBeLessThan(20);
    expect(analysis.body.recommendations).toEqual(expect.any(Array));

    // Signing before approval is refused.
    expect((await call('POST', '/tool-review/sign', { review_id: id, signing_key_id: 'k1' }))).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect((await call('GET', `/tool-review/signed/${id}`)).status).toBe(404);

    const decision = await call('POST', `/tool-review/sessions/${id}/decisions`, { decision: 'approve', comments: 'fine', reviewer_id: 'rev@example.com' });
    expect(decision).toEqual({ status: 200, body: { review_id: id, decision: 'approve', status: 'approved', reviewer_id: 'rev@example.com', decided_at: expect.stringMatching(ISO) } });
    const approved = await call('GET', `/tool-review/sessions/${id}`);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.state).toMatchObject({ type: 'approved', human_reviewer_id: 'rev@example.com', analysis_id: pending.state.analysis_id });
    // A second decision is a conflict.
    expect((await call('POST', `/tool-review/sessions/${id}/decisions`, { decision: 'reject', reviewer_id: 'x' })).status).toBe(409);

    const signed = await call('POST', '/tool-review/sign', { review_id: id, signing_key_id: 'key-456' });
    expect(signed).toEqual({ status: 200, body: { signature: expect.any(String), signed_at: expect.stringMatching(ISO), signer_id: 'key-456', signature_algorithm: 'ES256' } });
    expect((await call('GET', `/tool-review/sessions/${id}`)).body.status).toBe('signed');
    expect((await call('POST', '/tool-review/sign', { review_id: id, signing_key_id: 'key-456' })).status).toBe(409);

    const tool = await call('GET', `/tool-review/signed/${id}`);
    expect(tool.body).toEqual({ tool: calculator, review_id: id, ...signed.body });
    const bytes = Buffer.from(canonicalJson({ name: calculator.name, description: calculator.description, schema: calculator.schema })!, 'utf8');
    const key = createPublicKey(runtime.mock.publicKey);
    // SchemaPin's rule: ECDSA P-256 / SHA-256 over the SHA-256 digest of the canonical bytes.
    const digest = (data: Buffer) => createHash('sha256').update(data).digest();
    const signature = Buffer.from(tool.body.signature, 'base64');
    expect(verify('sha256', digest(bytes), { key, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(verify('sha256', bytes, { key, dsaEncoding: 'der' }, signature)).toBe(false);
    const tampered = Buffer.from(bytes.toString('utf8').replace('divide', 'delete'), 'utf8');
    expect(verify('sha256', digest(tampered), { key, dsaEncoding: 'der' }, signature)).toBe(false);

    const wellKnown = await fetch(new URL('/.well-known/schemapin.json', runtime.mock.url));
    expect(((await wellKnown.json()) as { public_key_pem: string }).public_key_pem).toBe(runtime.mock.publicKey);
  });

  it('reject → rejected, which cannot be signed', async () => {
    const id = await submit(calculator);
    await until(id, 'pending_review');
    const res = await call('POST', `/tool-review/sessions/${id}/decisions`, { decision: 'reject', reviewer_id: 'rev' });
    expect(res.body).toMatchObject({ status: 'rejected', decision: 'reject' });
    expect((await call('GET', `/tool-review/sessions/${id}`)).body.state).toMatchObject({ type: 'rejected', decision: 'reject', human_reviewer_id: 'rev' });
    expect((await call('POST', '/tool-review/sign', { review_id: id, signing_key_id: 'k' })).status).toBe(409);
  });

  it('refuses a decision before the analysis is done (409) and a bad decision (400)', async () => {
    const id = await submit(calculator);
    expect((await call('POST', `/tool-review/sessions/${id}/decisions`, { decision: 'approve', reviewer_id: 'r' })).status).toBe(409);
    await until(id, 'pending_review');
    const bad = await call('POST', `/tool-review/sessions/${id}/decisions`, { decision: 'maybe', reviewer_id: 'r' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
    expect(bad.body.error).toContain('decision');
    expect((await call('POST', `/tool-review/sessions/${id}/decisions`, { decision: 'approve' })).status).toBe(400);
  });
});

describe('risk analysis', () => {
  it('scores a free-form shell/path/url tool high with a critical finding; a calculator low', async () => {
    const id = await submit(shell);
    const pending = await until(id, 'pending_review');
    expect(pending.state.critical_findings).toHaveLength(1);
    expect(pending.state.critical_findings[0]).toMatchObject({ severity: 'critical', category: 'schema_injection', title: expect.stringContaining('command') });
    const analysis = (await call('GET', `/tool-review/analysis/${pending.state.analysis_id}`)).body;
    expect(analysis.risk_score).toBeGreaterThanOrEqual(70);
    expect(analysis.risk_score).toBeLessThanOrEqual(100);
    const titles = analysis.findings.map((f: { title: string }) => f.title).join('\n');
    expect(titles).toContain("'working_dir'");
    expect(titles).toContain("'callbackUrl'");
    expect(titles).toContain('privileges');
    for (const finding of analysis.findings) {
      expect(finding).toEqual({
        finding_id: expect.any(String),
        severity: expect.stringMatching(/^(low|medium|high|critical)$/),
        category: expect.any(String),
        title: expect.any(String),
        description: expect.any(String),
        confidence: expect.any(Number),
        recommendation: expect.any(String),
      });
      expect(finding.confidence).toBeGreaterThanOrEqual(0);
      expect(finding.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic and constrained parameters lower the score', () => {
    const score = (schema: Record<string, unknown>) => analyzeTool({ name: 't', description: 'd', schema }).risk_score;
    expect(score(calculator.schema)).toBe(10);
    expect(score({ ...calculator.schema, additionalProperties: false })).toBe(5);
    expect(score({ type: 'object', properties: { cmd: { type: 'string' } } })).toBe(65);
    expect(score({ type: 'object', properties: { cmd: { type: 'string', enum: ['ls'] } } })).toBe(10);
    expect(score({ type: 'object', properties: { opts: { type: 'object', properties: { filePath: { type: 'string' } } } } })).toBe(40);
    expect(score({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, cmd: { type: 'string' }, script: { type: 'string' } } })).toBe(100);
  });
});

describe('listing', () => {
  it('paginates (default limit 20) and filters by status and author', async () => {
    const author = `list-${Date.now()}@example.com`;
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await submit(calculator, author));
    const page1 = await call('GET', `/tool-review/sessions?author=${encodeURIComponent(author)}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.sessions.map((s: { review_id: string }) => s.review_id)).toEqual(ids.slice(0, 2));
    expect(page1.body.pagination).toEqual({ page: 1, limit: 2, total: 5, has_next: true });
    const page3 = await call('GET', `/tool-review/sessions?author=${encodeURIComponent(author)}&limit=2&page=3`);
    expect(page3.body.sessions.map((s: { review_id: string }) => s.review_id)).toEqual(ids.slice(4));
    expect(page3.body.pagination).toEqual({ page: 3, limit: 2, total: 5, has_next: false });

    const all = await call('GET', '/tool-review/sessions');
    expect(all.body.pagination).toMatchObject({ page: 1, limit: 20 });
    expect(all.body.sessions.length).toBeLessThanOrEqual(20);

    await until(ids[4]!, 'pending_review');
    const pending = await call('GET', `/tool-review/sessions?author=${encodeURIComponent(author)}&status=pending_review&limit=100`);
    expect(pending.body.sessions.length).toBeGreaterThan(0);
    for (const session of pending.body.sessions) expect(session).toMatchObject({ status: 'pending_review', submitted_by: author });
    expect((await call('GET', '/tool-review/sessions?author=nobody')).body).toEqual({ sessions: [], pagination: { page: 1, limit: 20, total: 0, has_next: false } });
  });

  it.each(['limit=0', 'limit=101', 'limit=x', 'page=0', 'page=-1', 'page=1.5'])('refuses %s with 400', async (query) => {
    const res = await call('GET', `/tool-review/sessions?${query}`);
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
  });
});

describe('errors', () => {
  it('unknown review and analysis ids are 404 { error, code }', async () => {
    for (const path of ['/tool-review/sessions/nope', '/tool-review/analysis/nope', '/tool-review/signed/nope']) {
      const res = await call('GET', path);
      expect(res).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', error: expect.stringContaining('nope') } });
    }
    expect((await call('POST', '/tool-review/sessions/nope/decisions', { decision: 'approve', reviewer_id: 'r' })).status).toBe(404);
    expect((await call('POST', '/tool-review/sign', { review_id: 'nope', signing_key_id: 'k' })).status).toBe(404);
  });

  it('refuses bad submissions with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ submitted_by: 'x' }, 'tool'],
      [{ tool: { ...calculator, name: '' }, submitted_by: 'x' }, 'tool.name'],
      [{ tool: { ...calculator, schema: 'x' }, submitted_by: 'x' }, 'tool.schema'],
      [{ tool: { ...calculator, provider: undefined }, submitted_by: 'x' }, 'tool.provider'],
      [{ tool: calculator }, 'submitted_by'],
      [{ tool: calculator, submitted_by: 'x', priority: 3 }, 'priority'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/tool-review/sessions', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error, field).toContain(field);
    }
    expect((await call('POST', '/tool-review/sign', { review_id: 'x' })).status).toBe(400);
  });

  it('keeps the priority given', async () => {
    const id = await submit(calculator, 'p@example.com', 'urgent');
    expect((await call('GET', `/tool-review/sessions/${id}`)).body.priority).toBe('urgent');
  });
});

describe('canonical JSON', () => {
  it('sorts keys by Unicode code point at every depth, keeps arrays, no whitespace, raw non-ASCII', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 'é', c: null }], '10': true, '2': false, '\uff61': 0, '😀': 1, '\ue000': 2, e: {}, f: [] })).toBe(
      '{"10":true,"2":false,"a":[3,{"c":null,"d":"é"}],"b":1,"e":{},"f":[],"\ue000":2,"｡":0,"😀":1}',
    );
  });
});
