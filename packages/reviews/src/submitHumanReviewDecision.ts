import type { Context } from '@symbiont/core';
import { anyObject, call, type CallOptions } from '@symbiont/core/kernel';
import { HumanReviewDecisionSchema } from './models.ts';
import type { HumanReviewDecision } from './models.ts';

/**
 * Approve or reject a reviewed tool. `POST /tool-review/sessions/{review_id}/decisions`.
 * `decision` must be `"approve"` or `"reject"`; anything else is a `ValidationError` naming the field.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * await submitHumanReviewDecision(ctx, 'review-123', {
 *   decision: 'approve',
 *   comments: 'Tool looks safe after manual review',
 *   reviewer_id: 'reviewer@example.com',
 * });
 * ```
 * @param reviewId The review session's id.
 * @param decision The decision, the reviewer and optional comments.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function submitHumanReviewDecision(ctx: Context, reviewId: string, decision: HumanReviewDecision, options?: CallOptions): Promise<Record<string, unknown>> {
  return call(ctx, { name: 'submitHumanReviewDecision', method: 'POST', path: '/tool-review/sessions/{review_id}/decisions', params: [reviewId], body: decision, input: HumanReviewDecisionSchema, output: anyObject }, options);
}
