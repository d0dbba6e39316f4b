import type { Context } from '@symbiont/core';
import { checkContext } from '@symbiont/core/kernel';
import { listApprovals } from './listApprovals.ts';
import type { HeldAction } from './models.ts';
import { checkPollOptions, pause } from '@symbiont/core/kernel';

/** Options of {@link watchApprovals}. Durations are milliseconds. */
export interface WatchApprovalsOptions {
  /** Pause between polls. Default 2,000. */
  interval?: number | undefined;
  /** Ends the watch: the iterator returns (the `for await` loop exits normally, nothing is thrown). */
  signal?: AbortSignal | undefined;
}

/**
 * Watch for actions to approve: an async iterator that polls {@link listApprovals} every
 * `interval` (default 2,000 ms) and yields each pending action once, the first time it is seen —
 * never again on later polls, even while it is still pending. Served by the open-source runtime.
 *
 * - It remembers only the ids of the last poll (memory stays bounded): an id no longer listed
 *   (decided, expired) is forgotten.
 * - `break` (or `return()`) ends it; so does `signal` aborting — the iterator then **returns**
 *   rather than throwing, and a poll in flight is cancelled.
 * - Listing is not destructive: actions of a batch left unyielded by a `break` are still held,
 *   and a new watch (or `listApprovals`) lists them again.
 * - A failed poll ends the iterator with its error (polls are retried like any GET first).
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * for await (const action of watchApprovals(ctx, { signal: controller.signal })) {
 *   if (action.kind === HeldActionKind.TOOL_CALL && action.summary.startsWith('read ')) {
 *     await approveAction(ctx, action.id, { reason: 'read-only tool' });
 *   } else {
 *     await denyAction(ctx, action.id, { reason: 'needs a human' });
 *   }
 * }
 * ```
 * @param options `interval` (default 2,000 ms) and `signal`.
 */
export async function* watchApprovals(ctx: Context, options: WatchApprovalsOptions = {}): AsyncGenerator<HeldAction, void, undefined> {
  checkContext('watchApprovals', ctx);
  checkPollOptions('watchApprovals', options);
  const { interval = 2_000, signal } = options;
  let seen = new Set<string>();
  for (;;) {
    if (signal?.aborted) return;
    let actions: HeldAction[];
    try {
      actions = await listApprovals(ctx, { signal });
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    const fresh = actions.filter((action) => !seen.has(action.id) && action.status === 'pending');
    seen = new Set(actions.map((action) => action.id));
    for (const action of fresh) {
      if (signal?.aborted) return;
      yield action;
    }
    if (!(await pause(interval, signal))) return;
  }
}
