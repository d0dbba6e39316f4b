/**
 * What the `watch…` iterators share: their options, checked before the first poll, and the pause
 * between polls. Internal (not exported from the package). Plain checks rather than a schema: they
 * keep the iterators small in a bundle.
 */
import { ValidationError } from '@symbiont/core';
import { describe } from '@symbiont/core/kernel';

/** Throws a `ValidationError` naming `operation` unless `options` are valid `{ interval, signal }` poll options. */
export function checkPollOptions(operation: string, options: { interval?: unknown; signal?: unknown }): void {
  const { interval, signal } = options ?? {};
  const bad: [string, string, unknown] | undefined =
    interval !== undefined && !(typeof interval == 'number' && interval > 0 && interval <= 2_147_483_647)
      ? ['interval', 'a positive number of milliseconds (at most 2147483647)', interval]
      : signal !== undefined && !(typeof (signal as AbortSignal)?.aborted == 'boolean' && typeof (signal as AbortSignal).addEventListener == 'function')
        ? ['signal', 'an AbortSignal', signal]
        : undefined;
  if (bad) throw new ValidationError(operation, [{ path: `options.${bad[0]}`, expected: bad[1], message: `options.${bad[0]}: expected ${bad[1]}, received ${describe(bad[2])}` }]);
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
