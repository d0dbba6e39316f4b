import type { CallOptions, Context } from '@symbiont/core';
import { checkContext } from '@symbiont/core/kernel';
import { listReviewSessions } from './listReviewSessions.ts';
import type { ReviewSession, ReviewSessionFilters } from './models.ts';

/**
 * Every review session matching `filters`, across pages: `GET /tool-review/sessions` from page
 * `filters.page` (default 1) on, until a page says `has_next: false`, holds fewer than `limit`
 * sessions, or is empty. `options.signal` goes to each page request and is checked between pages.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * for await (const session of iterateReviewSessions(ctx, { status: 'pending_review', limit: 50 })) {
 *   console.log(session.review_id, session.tool.name);
 * }
 * ```
 * @param filters `page` (first page), `limit`, `status`, `author`, as for `listReviewSessions`.
 * @param options Per-call options for each page request (signal, timeout, retries, headers).
 */
export async function* iterateReviewSessions(ctx: Context, filters: ReviewSessionFilters = {}, options?: CallOptions): AsyncGenerator<ReviewSession, void, undefined> {
  checkContext('iterateReviewSessions', ctx);
  for (let page = filters?.page ?? 1; ; page++) {
    options?.signal?.throwIfAborted();
    const { sessions, pagination } = await listReviewSessions(ctx, { ...filters, page }, options);
    yield* sessions;
    if (sessions.length === 0 || pagination?.has_next === false || sessions.length < (filters.limit ?? pagination?.limit ?? 20)) return;
  }
}
