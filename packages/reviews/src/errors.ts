import { TimeoutError } from '@symbiont/core';
import type { ReviewSession } from './models.ts';

/**
 * `waitForReviewCompletion` ran past its `timeout` before the review reached `approved`,
 * `rejected`, `signed` or `signing_failed`. A core `TimeoutError` with `kind: 'total'`, carrying
 * the last session seen (`undefined` when no poll answered in time).
 */
export class WaitTimeoutError extends TimeoutError {
  static override readonly errorName: string = 'WaitTimeoutError';
  /** The last session polled before the deadline, if any. */
  readonly session: ReviewSession | undefined;

  constructor(message: string, session: ReviewSession | undefined, options?: { cause?: unknown }) {
    super(message, 'total', options);
    this.session = session;
  }
}
