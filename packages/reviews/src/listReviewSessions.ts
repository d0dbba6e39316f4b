import type { Context } from '@symbiont/core';
import { call, type CallOptions } from '@symbiont/core/kernel';
import { ReviewSessionFiltersSchema, ReviewSessionListSchema } from './models.ts';
import type { ReviewSessionFilters, ReviewSessionList } from './models.ts';

/**
 * One page of review sessions. `GET /tool-review/sessions?page=&limit=&status=&author=`, sending
 * only the filters given. To walk every page, use `iterateReviewSessions`.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * const { sessions, pagination } = await listReviewSessions(ctx, { page: 1, limit: 10, status: 'pending_review', author: 'developer@example.com' });
 * for (const session of sessions) console.log(session.review_id, session.tool.name, session.status);
 * console.log(pagination?.has_next);
 * ```
 * @param filters `page` (from 1), `limit` (max 100), `status`, `author` (matches `submitted_by`).
 * @param options Per-call options (signal, timeout, retries, headers).
 */
export function listReviewSessions(ctx: Context, filters?: ReviewSessionFilters, options?: CallOptions): Promise<ReviewSessionList> {
  return call(ctx, { name: 'listReviewSessions', method: 'GET', path: '/tool-review/sessions', query: filters, queryInput: ReviewSessionFiltersSchema, output: ReviewSessionListSchema }, options);
}
