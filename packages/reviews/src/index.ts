/**
 * `@symbiont/reviews`: the tool review workflow, from submission to signed tool: submit an MCP
 * tool, follow its security analysis, decide, sign, and verify SchemaPin signatures (ECDSA P-256)
 * with WebCrypto. Browser-, edge- and server-safe: nothing here needs Node.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API): on the open-source
 * runtime v1.19 these routes answer 404 with an empty body, a `NotFoundError` saying the runtime
 * does not serve the route. The mock runtime serves them unless started with `enterprise: false`.
 *
 * @packageDocumentation
 */
export { submitToolForReview } from './submitToolForReview.ts';
export { getReviewSession } from './getReviewSession.ts';
export { listReviewSessions } from './listReviewSessions.ts';
export { iterateReviewSessions } from './iterateReviewSessions.ts';
export { getAnalysisResults } from './getAnalysisResults.ts';
export { submitHumanReviewDecision } from './submitHumanReviewDecision.ts';
export { signApprovedTool } from './signApprovedTool.ts';
export { getSignedTool } from './getSignedTool.ts';
export { waitForReviewCompletion, type WaitOptions } from './waitForReviewCompletion.ts';
export { fetchProviderKey } from './fetchProviderKey.ts';
export { verifySignedTool, type VerifiableTool, type VerifyOptions } from './verifySignedTool.ts';
export { verifySchemaSignature } from './verifySchemaSignature.ts';
export { canonicalToolJson } from './canonicalToolJson.ts';
export { canonicalJson } from './canonicalJson.ts';
export { WaitTimeoutError } from './errors.ts';
export {
  FindingCategory,
  FindingSeverity,
  ReviewDecision,
  ReviewPriority,
  ReviewStatus,
  type AnalysisResults,
  type HumanReviewDecision,
  type Pagination,
  type ReviewSession,
  type ReviewSessionCreate,
  type ReviewSessionFilters,
  type ReviewSessionList,
  type ReviewSessionResponse,
  type ReviewSessionState,
  type SecurityFinding,
  type SignedTool,
  type SigningRequest,
  type SigningResponse,
  type Tool,
  type ToolProvider,
  type ToolSchema,
} from './models.ts';
