import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { ReviewSessionSchema } from './models.ts';
import type { ReviewSession } from './models.ts';

/**
 * One review session: the tool, its status and where the review is. `GET /tool-review/sessions/{review_id}`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const session = await getReviewSession(ctx, 'review-123');
 * console.log(session.status, session.state.analysis_id);
 * ```
 * @param reviewId The review session's id.
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function getReviewSession(ctx: Context, reviewId: string, options?: CallOptions): Promise<ReviewSession> {
  return call(ctx, { name: 'getReviewSession', method: 'GET', path: '/tool-review/sessions/{review_id}', params: [reviewId], output: ReviewSessionSchema }, options);
}
