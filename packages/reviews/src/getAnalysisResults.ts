import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { AnalysisResultsSchema } from './models.ts';
import type { AnalysisResults } from './models.ts';

/**
 * The security analysis of a tool: risk score (0–100), findings, recommendations.
 * `GET /tool-review/analysis/{analysis_id}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const session = await getReviewSession(ctx, 'review-123');
 * if (session.state.analysis_id) {
 *   const analysis = await getAnalysisResults(ctx, session.state.analysis_id);
 *   console.log(`Risk score: ${analysis.risk_score}/100`);
 *   for (const finding of analysis.findings) console.log(`- ${finding.severity.toUpperCase()}: ${finding.title}`);
 * }
 * ```
 * @param analysisId The analysis id, from `session.state.analysis_id`.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getAnalysisResults(ctx: Context, analysisId: string, options?: CallOptions): Promise<AnalysisResults> {
  return call(ctx, { name: 'getAnalysisResults', method: 'GET', path: '/tool-review/analysis/{analysis_id}', params: [analysisId], output: AnalysisResultsSchema }, options);
}
