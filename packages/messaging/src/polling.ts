/**
 * What the `watch…` iterators share: their options, checked before the first poll, and the pause
 * between polls. Internal (not exported from the package).
 */
import * as v from 'valibot';
import { ValidationError } from '@symbiont/core';
import { toIssues } from '@symbiont/core/kernel';

/** Options of a `watch…` iterator. Durations are milliseconds. */
export interface PollOptions {
  /** Pause between polls. */
  interval?: number | undefined;
  /** Ends the iterator (it returns; the `for await` loop exits normally). */
  signal?: AbortSignal | undefined;
}

const Options = /* @__PURE__ */ v.object({
  interval: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number(), /* @__PURE__ */ v.check((ms) => ms > 0 && ms <= 2_147_483_647, 'a positive number of milliseconds (at most 2147483647)'))),
  signal: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.any(), /* @__PURE__ */ v.check((s) => typeof s?.aborted === 'boolean' && typeof s.addEventListener === 'function', 'an AbortSignal'))),
});

/** Throws a `ValidationError` naming `operation` unless `options` are valid poll options. */
export function checkPollOptions(operation: string, options: unknown): void {
  const result = v.safeParse(Options, options);
  if (!result.success) throw new ValidationError(operation, toIssues(result.issues, 'options'));
}

/** Waits `ms`; resolves `true` then, or `false` as soon as `signal` aborts (at once if it already has). */
export const pause = (ms: number, signal: AbortSignal | undefined): Promise<boolean> => new Promise((resolve) => {
  if (signal?.aborted) return resolve(false);
  const abort = (): void => {
    clearTimeout(timer);
    resolve(false);
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener('abort', abort);
    resolve(true);
  }, ms);
  signal?.addEventListener('abort', abort, { once: true });
});
