/**
 * Tool review (contract: "Tool review"): sessions move `submitted` → `analyzing` →
 * `pending_review` on their own (one `reviewDelayMs` per step), then wait for a human decision
 * (`approved` / `rejected`); approved tools are signed by SchemaPin's rule (ECDSA P-256 over the
 * SHA-256 digest of their canonical JSON) with the server's key (served at
 * `/.well-known/schemapin.json`) and become `signed`.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, json, notFound } from '../responses.ts';
import type { Route } from '../routes.ts';
import type { State } from '../state.ts';
import { assertShape, isObject } from '../validate.ts';
import { analyzeTool, type Finding } from './reviews-analysis.ts';
import { signTool } from './reviews-signing.ts';

/** A tool as submitted (kept exactly as received: its signature covers these values). */
export interface StoredTool {
  name: string;
  description: string;
  schema: Record<string, unknown>;
  provider: Record<string, unknown>;
  [field: string]: unknown;
}

/** A review session and everything the mock tracks about it. ISO-8601 strings for times. */
export interface ReviewRecord {
  review_id: string;
  tool: StoredTool;
  status: string;
  submitted_by: string;
  priority: string;
  submitted_at: string;
  estimated_completion: string;
  review_started_at?: string;
  analysis_id?: string;
  analysis_completed_at?: string;
  critical_findings: Finding[];
  human_reviewer_id?: string;
  decision?: { decision: string; comments?: string; decided_at: string };
  signature?: { signature: string; signed_at: string; signer_id: string; signature_algorithm: string };
}

/** An AnalysisResults of the contract, plus the review it belongs to. */
export interface AnalysisRecord {
  analysis_id: string;
  review_id: string;
  risk_score: number;
  findings: Finding[];
  recommendations: string[];
  completed_at: string;
}

/** Statuses in which a session accepts a human decision. */
const AWAITING_DECISION = ['pending_review', 'under_review', 'awaiting_human_review'];
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function findReview(state: State, id: string): ReviewRecord {
  const record = state.reviews.get(id);
  if (record === undefined) throw notFound('review session', id);
  return record;
}

function badRequest(path: string, expected: string): HttpError {
  return new HttpError(400, 'VALIDATION_ERROR', `invalid request: ${path}: expected ${expected}`, { details: { issues: [{ path, expected }] } });
}

/** The contract's ReviewSession for a record. */
export function sessionBody(record: ReviewRecord): Record<string, unknown> {
  const state: Record<string, unknown> = { type: record.status, critical_findings: record.critical_findings };
  if (record.analysis_id !== undefined) state.analysis_id = record.analysis_id;
  if (record.analysis_completed_at !== undefined) state.analysis_completed_at = record.analysis_completed_at;
  if (record.review_started_at !== undefined) state.review_started_at = record.review_started_at;
  if (record.human_reviewer_id !== undefined) state.human_reviewer_id = record.human_reviewer_id;
  if (record.decision !== undefined) {
    state.decision = record.decision.decision;
    state.decided_at = record.decision.decided_at;
    if (record.decision.comments !== undefined) state.comments = record.decision.comments;
  }
  if (record.signature !== undefined) {
    state.signed_at = record.signature.signed_at;
    state.signer_id = record.signature.signer_id;
  }
  return {
    review_id: record.review_id,
    tool: record.tool,
    status: record.status,
    state,
    submitted_by: record.submitted_by,
    submitted_at: record.submitted_at,
    estimated_completion: record.estimated_completion,
    priority: record.priority,
  };
}

/** Checks a submitted tool (400 naming the field otherwise) and returns a private copy of it. */
function readTool(value: unknown): StoredTool {
  if (!isObject(value)) throw badRequest('tool', 'object (required)');
  const issues: string[][] = [];
  if (typeof value.name !== 'string' || value.name === '') issues.push(['tool.name', 'non-empty string']);
  if (typeof value.description !== 'string') issues.push(['tool.description', 'string']);
  if (!isObject(value.schema)) issues.push(['tool.schema', 'object']);
  else if (value.schema.properties !== undefined && !isObject(value.schema.properties)) issues.push(['tool.schema.properties', 'object']);
  if (!isObject(value.provider)) issues.push(['tool.provider', 'object']);
  else if (typeof value.provider.name !== 'string') issues.push(['tool.provider.name', 'string']);
  const [first] = issues;
  if (first) throw badRequest(first[0]!, first[1]!);
  return structuredClone(value) as StoredTool;
}

/** Moves a new session through the automatic steps, one `reviewDelayMs` each. */
function startReview(state: State, record: ReviewRecord): void {
  state.schedule(state.reviewDelayMs, () => {
    record.status = 'analyzing';
    record.review_started_at = state.now().toISOString();
    state.schedule(state.reviewDelayMs, () => {
      const analysis = analyzeTool(record.tool);
      const completedAt = state.now().toISOString();
      const analysisId = randomUUID();
      state.analyses.set(analysisId, { analysis_id: analysisId, review_id: record.review_id, completed_at: completedAt, ...analysis });
      record.analysis_id = analysisId;
      record.analysis_completed_at = completedAt;
      record.critical_findings = analysis.findings.filter((finding) => finding.severity === 'critical');
      record.status = 'pending_review';
    });
  });
}

/** Parses a positive integer query value, or the default when absent (400 otherwise). */
function queryInt(query: Readonly<Record<string, string>>, name: string, fallback: number, max: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= max)) throw badRequest(name, max === Number.MAX_SAFE_INTEGER ? 'an integer >= 1' : `an integer from 1 to ${max}`);
  return value;
}

/** Tool review routes, registered by `startMockRuntime`. */
export const reviewsRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/tool-review/sessions',
    handler: (req, state) => {
      assertShape<{ tool: unknown; submitted_by: string; priority?: string }>(req.body, { tool: 'object', submitted_by: 'string', priority: 'string?' });
      const tool = readTool(req.body.tool);
      const now = state.now().getTime();
      const record: ReviewRecord = {
        review_id: randomUUID(),
        tool,
        status: 'submitted',
        submitted_by: req.body.submitted_by,
        priority: req.body.priority ?? 'normal',
        submitted_at: new Date(now).toISOString(),
        estimated_completion: new Date(now + 2 * state.reviewDelayMs).toISOString(),
        critical_findings: [],
      };
      state.reviews.set(record.review_id, record);
      startReview(state, record);
      return json({ review_id: record.review_id, status: record.status, submitted_at: record.submitted_at, estimated_completion: record.estimated_completion }, 201);
    },
  },
  {
    method: 'GET',
    pattern: '/tool-review/sessions',
    handler: (req, state) => {
      const page = queryInt(req.query, 'page', 1, Number.MAX_SAFE_INTEGER);
      const limit = queryInt(req.query, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
      const { status, author } = req.query;
      const matching = [...state.reviews.values()].filter(
        (record) => (status === undefined || record.status === status) && (author === undefined || record.submitted_by === author),
      );
      const start = (page - 1) * limit;
      return json({
        sessions: matching.slice(start, start + limit).map(sessionBody),
        pagination: { page, limit, total: matching.length, has_next: start + limit < matching.length },
      });
    },
  },
  {
    method: 'GET',
    pattern: '/tool-review/sessions/{review_id}',
    handler: (req, state) => json(sessionBody(findReview(state, req.params.review_id ?? ''))),
  },
  {
    method: 'GET',
    pattern: '/tool-review/analysis/{analysis_id}',
    handler: (req, state) => {
      const id = req.params.analysis_id ?? '';
      const analysis = state.analyses.get(id);
      if (analysis === undefined) throw notFound('analysis', id);
      return json({ ...analysis });
    },
  },
  {
    method: 'POST',
    pattern: '/tool-review/sessions/{review_id}/decisions',
    handler: (req, state) => {
      const record = findReview(state, req.params.review_id ?? '');
      assertShape<{ decision: string; comments?: string; reviewer_id: string }>(req.body, { decision: 'string', comments: 'string?', reviewer_id: 'string' });
      const { decision, comments, reviewer_id } = req.body;
      if (decision !== 'approve' && decision !== 'reject') throw badRequest('decision', '"approve" or "reject"');
      if (!AWAITING_DECISION.includes(record.status)) {
        throw new HttpError(409, 'CONFLICT', `review session '${record.review_id}' is not awaiting a decision (status: ${record.status})`);
      }
      const decidedAt = state.now().toISOString();
      record.status = decision === 'approve' ? 'approved' : 'rejected';
      record.human_reviewer_id = reviewer_id;
      record.decision = comments === undefined ? { decision, decided_at: decidedAt } : { decision, comments, decided_at: decidedAt };
      return json({ review_id: record.review_id, decision, status: record.status, reviewer_id, decided_at: decidedAt });
    },
  },
  {
    method: 'POST',
    pattern: '/tool-review/sign',
    handler: (req, state) => {
      assertShape<{ review_id: string; signing_key_id: string }>(req.body, { review_id: 'string', signing_key_id: 'string' });
      const record = findReview(state, req.body.review_id);
      if (record.status !== 'approved') {
        throw new HttpError(409, 'CONFLICT', `review session '${record.review_id}' cannot be signed: only approved tools are signed (status: ${record.status})`);
      }
      const signature = {
        signature: signTool(state.signingKeys.privateKey, record.tool),
        signed_at: state.now().toISOString(),
        signer_id: req.body.signing_key_id,
        signature_algorithm: 'ES256',
      };
      record.signature = signature;
      record.status = 'signed';
      return json({ ...signature });
    },
  },
  {
    method: 'GET',
    pattern: '/tool-review/signed/{review_id}',
    handler: (req, state) => {
      const record = findReview(state, req.params.review_id ?? '');
      if (record.signature === undefined) throw new HttpError(404, 'NOT_FOUND', `review session '${record.review_id}' has no signed tool (status: ${record.status})`);
      return json({ tool: record.tool, review_id: record.review_id, ...record.signature });
    },
  },
];
