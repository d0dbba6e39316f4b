import * as v from 'valibot';
import { TimeoutError, ValidationError, type Context } from '@symbiont/core';
import { checkContext, pause as pauseFor, toIssues } from '@symbiont/core/kernel';
import { WaitTimeoutError } from './errors.ts';
import { getReviewSession } from './getReviewSession.ts';
import type { ReviewSession } from './models.ts';

/** Options of {@link waitForReviewCompletion}. Durations are milliseconds. */
export interface WaitOptions {
  /** The whole wait, polls included. Default 300,000. */
  timeout?: number | undefined;
  /** The longest pause between polls: the first is 250 ms (or this, if smaller), doubling up to it. Default 5,000. */
  interval?: number | undefined;
  /** Abort the wait: it rejects at once with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called with each polled session whose status differs from the previous poll's (the first one included). */
  onProgress?: ((session: ReviewSession) => void) | undefined;
}

/** Statuses that end a review. */
const DONE = ['approved', 'rejected', 'signed', 'signing_failed'];
const FIRST_INTERVAL = 250;

const duration = /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number(), /* @__PURE__ */ v.check((ms) => ms > 0 && ms <= 2_147_483_647, 'a positive number of milliseconds (at most 2147483647)')));
const Args = /* @__PURE__ */ v.object({
  review_id: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.check((id) => !/^\.{0,2}$/.test(id), "a non-empty string other than '.' or '..'")),
  options: /* @__PURE__ */ v.object({
    timeout: duration,
    interval: duration,
    signal: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.any(), /* @__PURE__ */ v.check((s) => typeof s?.aborted === 'boolean' && typeof s.addEventListener === 'function', 'an AbortSignal'))),
    onProgress: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.function()),
  }),
});

/**
 * Poll a review session until its status is `approved`, `rejected`, `signed` or `signing_failed`,
 * and resolve to that session. Polls back off from 250 ms to `interval`; no poll or pause runs
 * past `timeout`, which then rejects with a {@link WaitTimeoutError} carrying the last session seen.
 * An abort rejects at once with the signal's reason; any other failed poll rejects with its error.
 *
 * **Not served by the open-source Symbiont runtime** (Enterprise / hosted API).
 *
 * @example
 * ```ts
 * try {
 *   const final = await waitForReviewCompletion(ctx, 'review-123', {
 *     timeout: 300_000,
 *     onProgress: (session) => console.log(`status: ${session.status}`),
 *   });
 *   console.log(`Review completed with status: ${final.status}`);
 * } catch (error) {
 *   if (error instanceof WaitTimeoutError) console.log(`still ${error.session?.status} after 5 minutes`);
 *   else throw error;
 * }
 * ```
 * @param reviewId The review session's id.
 * @param options `timeout` (default 300,000 ms), `interval` (poll cap, default 5,000 ms), `signal`, `onProgress`.
 */
export async function waitForReviewCompletion(ctx: Context, reviewId: string, options: WaitOptions = {}): Promise<ReviewSession> {
  checkContext('waitForReviewCompletion', ctx);
  const args = v.safeParse(Args, { review_id: reviewId, options });
  if (!args.success) throw new ValidationError('waitForReviewCompletion', toIssues(args.issues));
  const { timeout = 300_000, interval = 5_000, signal, onProgress } = options;
  const deadline = performance.now() + timeout;
  let pause = Math.min(FIRST_INTERVAL, interval);
  let last: ReviewSession | undefined;
  const expired = (cause?: unknown): WaitTimeoutError => new WaitTimeoutError(
    `waitForReviewCompletion: review ${reviewId} did not complete within ${timeout} ms (last status: ${last ? last.status : 'none seen'})`,
    last,
    cause === undefined ? undefined : { cause },
  );
  for (;;) {
    signal?.throwIfAborted();
    const remaining = deadline - performance.now();
    if (remaining < 1) throw expired();
    // Each poll gets only the time left, so a slow request cannot overrun the deadline.
    const budget = Math.min(remaining, ctx.totalTimeout ?? remaining);
    let session: ReviewSession;
    try {
      session = await getReviewSession(ctx, reviewId, { signal, totalTimeout: budget });
    } catch (error) {
      if (error instanceof TimeoutError && ((error.kind === 'total' && budget === remaining) || deadline - performance.now() < 1)) throw expired(error);
      throw error;
    }
    if (session.status !== last?.status) onProgress?.(session);
    last = session;
    if (DONE.includes(session.status)) return session;
    const left = deadline - performance.now();
    if (left < 1) throw expired();
    if (!(await pauseFor(Math.min(pause, left), signal))) throw signal!.reason;
    pause = Math.min(pause * 2, interval);
  }
}
