/**
 * Models of the tool review workflow (contract: "Tool review"), each a TypeScript type with the
 * wire's snake_case names and the valibot schema that checks it.
 */
import * as v from 'valibot';
import { anyObject, dateTime, enumObject, int, knownString, nonEmpty, oneOf, nullish, optional, type Schema } from '@symbiont/core/kernel';

/** Where a review session is in the workflow. The runtime may send others: any string is accepted. */
export type ReviewStatus =
  | 'submitted' | 'pending_analysis' | 'analyzing' | 'pending_review' | 'under_review'
  | 'approved' | 'rejected' | 'signed' | 'awaiting_human_review' | 'signing_failed';

/** The review statuses as constants: `ReviewStatus.PENDING_REVIEW === 'pending_review'`. */
export const ReviewStatus = /* @__PURE__ */ enumObject({
  SUBMITTED: 'submitted',
  PENDING_ANALYSIS: 'pending_analysis',
  ANALYZING: 'analyzing',
  PENDING_REVIEW: 'pending_review',
  UNDER_REVIEW: 'under_review',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  SIGNED: 'signed',
  AWAITING_HUMAN_REVIEW: 'awaiting_human_review',
  SIGNING_FAILED: 'signing_failed',
});

/** How serious a security finding is. */
export type FindingSeverity = 'low' | 'medium' | 'high' | 'critical';

/** The finding severities as constants: `FindingSeverity.CRITICAL === 'critical'`. */
export const FindingSeverity = /* @__PURE__ */ enumObject({ LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'critical' });

/** What kind of risk a security finding is about. */
export type FindingCategory =
  | 'schema_injection' | 'privilege_escalation' | 'data_exposure' | 'malicious_code' | 'resource_abuse'
  | 'data_exfiltration' | 'suspicious_parameters' | 'unvalidated_input' | 'insecure_defaults' | 'other';

/** The finding categories as constants: `FindingCategory.SCHEMA_INJECTION === 'schema_injection'`. */
export const FindingCategory = /* @__PURE__ */ enumObject({
  SCHEMA_INJECTION: 'schema_injection',
  PRIVILEGE_ESCALATION: 'privilege_escalation',
  DATA_EXPOSURE: 'data_exposure',
  MALICIOUS_CODE: 'malicious_code',
  RESOURCE_ABUSE: 'resource_abuse',
  DATA_EXFILTRATION: 'data_exfiltration',
  SUSPICIOUS_PARAMETERS: 'suspicious_parameters',
  UNVALIDATED_INPUT: 'unvalidated_input',
  INSECURE_DEFAULTS: 'insecure_defaults',
  OTHER: 'other',
});

/** Review priorities the runtime knows (the field itself is a free string). */
export type ReviewPriority = 'low' | 'normal' | 'high' | 'urgent';

/** The review priorities as constants: `ReviewPriority.NORMAL === 'normal'`. */
export const ReviewPriority = /* @__PURE__ */ enumObject({ LOW: 'low', NORMAL: 'normal', HIGH: 'high', URGENT: 'urgent' });

/** A human reviewer's verdict. */
export type ReviewDecision = 'approve' | 'reject';

/** The decisions as constants: `ReviewDecision.APPROVE === 'approve'`. */
export const ReviewDecision = /* @__PURE__ */ enumObject({ APPROVE: 'approve', REJECT: 'reject' });

/**
 * The JSON Schema of a tool's arguments. Other JSON Schema keywords (`additionalProperties`,
 * `$schema`, …) are allowed and sent as given. In a response it is kept exactly as the runtime
 * sent it (no defaults added), because a tool signature covers these bytes.
 */
export interface ToolSchema {
  /** JSON Schema type of the arguments (default `"object"`, applied before sending; `null` too). */
  type?: string | null;
  /** The arguments, by name. */
  properties: Record<string, unknown>;
  /** Names of the required arguments (default `[]`, applied before sending; `null` too). */
  required?: string[] | null;
  [keyword: string]: unknown;
}

/** Who publishes a tool. */
export interface ToolProvider {
  name: string;
  /** Where the provider's public key is published. */
  public_key_url?: string | null;
}

/**
 * An MCP tool to review. Its JSON Schema goes on the wire under `schema`. A tool in a response
 * keeps any extra field the runtime sent, although the type does not list them.
 */
export interface Tool {
  name: string;
  description: string;
  schema: ToolSchema;
  provider: ToolProvider;
}

/** The body of `submitToolForReview`. */
export interface ReviewSessionCreate {
  tool: Tool;
  submitted_by: string;
  /** Default `"normal"` (applied before sending, also for `null`). */
  priority?: ReviewPriority | (string & {}) | null;
}

/** What `submitToolForReview` answers. */
export interface ReviewSessionResponse {
  review_id: string;
  status: ReviewStatus | (string & {});
  submitted_at: Date;
  estimated_completion?: Date | null;
  [field: string]: unknown;
}

/** One problem the security analysis found. */
export interface SecurityFinding {
  finding_id: string;
  severity: FindingSeverity | (string & {});
  category: FindingCategory | (string & {});
  title: string;
  description: string;
  /** In [0, 1]. */
  confidence: number;
  recommendation?: string | null;
  [field: string]: unknown;
}

/** Where a review session is in detail. */
export interface ReviewSessionState {
  type: string;
  analysis_id?: string | null;
  analysis_completed_at?: Date | null;
  /** Default `[]` (also when the runtime sends `null`). */
  critical_findings: SecurityFinding[];
  human_reviewer_id?: string | null;
  review_started_at?: Date | null;
  [field: string]: unknown;
}

/** A review session. */
export interface ReviewSession {
  review_id: string;
  tool: Tool;
  status: ReviewStatus | (string & {});
  state: ReviewSessionState;
  submitted_by: string;
  submitted_at: Date;
  estimated_completion?: Date | null;
  /** Default `"normal"` (also when the runtime sends `null`). */
  priority: ReviewPriority | (string & {});
  [field: string]: unknown;
}

/** The query filters of `listReviewSessions`; only the ones given are sent. */
export interface ReviewSessionFilters {
  /** Page number, from 1 (server default 1). */
  page?: number;
  /** Sessions per page (server default 20, max 100). */
  limit?: number;
  /** Only sessions in this status. */
  status?: ReviewStatus | (string & {});
  /** Only sessions whose `submitted_by` is this. */
  author?: string;
}

/** Checks {@link ReviewSessionFilters} before a listing is requested. */
export const ReviewSessionFiltersSchema: v.GenericSchema<ReviewSessionFilters> = /* @__PURE__ */ v.strictObject({
  page: /* @__PURE__ */ optional(/* @__PURE__ */ v.pipe(int, /* @__PURE__ */ v.check((page) => page >= 1, 'an integer from 1'))),
  limit: /* @__PURE__ */ optional(/* @__PURE__ */ v.pipe(int, /* @__PURE__ */ v.check((limit) => limit >= 1 && limit <= 100, 'an integer from 1 to 100'))),
  status: /* @__PURE__ */ optional(/* @__PURE__ */ v.string()),
  author: /* @__PURE__ */ optional(/* @__PURE__ */ v.string()),
});

/** Where a page of sessions sits. Every field may be missing. */
export interface Pagination {
  page?: number | null;
  limit?: number | null;
  total?: number | null;
  has_next?: boolean | null;
  [field: string]: unknown;
}

/** One page of review sessions. */
export interface ReviewSessionList {
  sessions: ReviewSession[];
  pagination?: Pagination | null;
  [field: string]: unknown;
}

/** The result of a tool's security analysis. */
export interface AnalysisResults {
  analysis_id: string;
  /** Integer in [0, 100]. */
  risk_score: number;
  findings: SecurityFinding[];
  /** Default `[]` (also when the runtime sends `null`). */
  recommendations: string[];
  completed_at: Date;
  [field: string]: unknown;
}

/** The body of `submitHumanReviewDecision`. */
export interface HumanReviewDecision {
  decision: ReviewDecision;
  comments?: string | null;
  reviewer_id: string;
}

/** The body of `signApprovedTool`. */
export interface SigningRequest {
  review_id: string;
  signing_key_id: string;
}

/** What `signApprovedTool` answers. */
export interface SigningResponse {
  /** Base64 of the ES256 signature (DER or raw `r||s`). */
  signature: string;
  signed_at: Date;
  signer_id: string;
  signature_algorithm: string;
  [field: string]: unknown;
}

/** A signed tool, as `getSignedTool` answers. Check it with `verifySignedTool`. */
export interface SignedTool {
  tool: Tool;
  /** Base64 of the ES256 signature (DER or raw `r||s`). */
  signature: string;
  signed_at: Date;
  signer_id: string;
  signature_algorithm: string;
  review_id: string;
  [field: string]: unknown;
}

// Schemas. Response objects are loose (unknown fields kept); request objects are strict, except a
// tool's JSON Schema, which may carry any JSON Schema keyword (kept, never dropped).

const ToolSchemaInput = /* @__PURE__ */ v.looseObject({
  type: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), 'object'),
  properties: anyObject,
  required: /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string()), () => []),
});

const ToolInput = /* @__PURE__ */ v.strictObject({
  name: nonEmpty,
  description: /* @__PURE__ */ v.string(),
  schema: ToolSchemaInput,
  provider: /* @__PURE__ */ v.strictObject({ name: /* @__PURE__ */ v.string(), public_key_url: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()) }),
});

export const ReviewSessionCreateSchema: Schema<ReviewSessionCreate> = /* @__PURE__ */ v.strictObject({
  tool: ToolInput,
  submitted_by: /* @__PURE__ */ v.string(),
  priority: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), 'normal'),
});

export const HumanReviewDecisionSchema: Schema<HumanReviewDecision> = /* @__PURE__ */ v.strictObject({
  decision: /* @__PURE__ */ oneOf(['approve', 'reject']),
  comments: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
  reviewer_id: /* @__PURE__ */ v.string(),
});

export const SigningRequestSchema: Schema<SigningRequest> = /* @__PURE__ */ v.strictObject({
  review_id: nonEmpty,
  signing_key_id: /* @__PURE__ */ v.string(),
});

// A response's tool is kept as sent: no defaults, so its signature still verifies.
const ToolSchemaOutput: Schema<Tool> = /* @__PURE__ */ v.looseObject({
  name: /* @__PURE__ */ v.string(),
  description: /* @__PURE__ */ v.string(),
  schema: /* @__PURE__ */ v.looseObject({ type: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()), properties: anyObject, required: /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string())) }),
  provider: /* @__PURE__ */ v.looseObject({ name: /* @__PURE__ */ v.string(), public_key_url: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()) }),
});

const FindingSchema: Schema<SecurityFinding> = /* @__PURE__ */ v.looseObject({
  finding_id: /* @__PURE__ */ v.string(),
  severity: /* @__PURE__ */ knownString<FindingSeverity>(),
  category: /* @__PURE__ */ knownString<FindingCategory>(),
  title: /* @__PURE__ */ v.string(),
  description: /* @__PURE__ */ v.string(),
  confidence: /* @__PURE__ */ v.number(),
  recommendation: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
});

export const ReviewSessionResponseSchema: Schema<ReviewSessionResponse> = /* @__PURE__ */ v.looseObject({
  review_id: /* @__PURE__ */ v.string(),
  status: /* @__PURE__ */ knownString<ReviewStatus>(),
  submitted_at: dateTime,
  estimated_completion: /* @__PURE__ */ nullish(dateTime),
});

export const ReviewSessionSchema: Schema<ReviewSession> = /* @__PURE__ */ v.looseObject({
  review_id: /* @__PURE__ */ v.string(),
  tool: ToolSchemaOutput,
  status: /* @__PURE__ */ knownString<ReviewStatus>(),
  state: /* @__PURE__ */ v.looseObject({
    type: /* @__PURE__ */ v.string(),
    analysis_id: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
    analysis_completed_at: /* @__PURE__ */ nullish(dateTime),
    critical_findings: /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(FindingSchema), () => []),
    human_reviewer_id: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string()),
    review_started_at: /* @__PURE__ */ nullish(dateTime),
  }),
  submitted_by: /* @__PURE__ */ v.string(),
  submitted_at: dateTime,
  estimated_completion: /* @__PURE__ */ nullish(dateTime),
  priority: /* @__PURE__ */ nullish(/* @__PURE__ */ v.string(), 'normal'),
});

export const ReviewSessionListSchema: Schema<ReviewSessionList> = /* @__PURE__ */ v.looseObject({
  sessions: /* @__PURE__ */ v.array(ReviewSessionSchema),
  pagination: /* @__PURE__ */ nullish(/* @__PURE__ */ v.looseObject({
    page: /* @__PURE__ */ nullish(int),
    limit: /* @__PURE__ */ nullish(int),
    total: /* @__PURE__ */ nullish(int),
    has_next: /* @__PURE__ */ nullish(/* @__PURE__ */ v.boolean()),
  })),
});

export const AnalysisResultsSchema: Schema<AnalysisResults> = /* @__PURE__ */ v.looseObject({
  analysis_id: /* @__PURE__ */ v.string(),
  risk_score: int,
  findings: /* @__PURE__ */ v.array(FindingSchema),
  recommendations: /* @__PURE__ */ nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string()), () => []),
  completed_at: dateTime,
});

export const SigningResponseSchema: Schema<SigningResponse> = /* @__PURE__ */ v.looseObject({
  signature: /* @__PURE__ */ v.string(),
  signed_at: dateTime,
  signer_id: /* @__PURE__ */ v.string(),
  signature_algorithm: /* @__PURE__ */ v.string(),
});

export const SignedToolSchema: Schema<SignedTool> = /* @__PURE__ */ v.looseObject({
  tool: ToolSchemaOutput,
  signature: /* @__PURE__ */ v.string(),
  signed_at: dateTime,
  signer_id: /* @__PURE__ */ v.string(),
  signature_algorithm: /* @__PURE__ */ v.string(),
  review_id: /* @__PURE__ */ v.string(),
});
