/**
 * What the domain packages' `watch…` iterators share: their options, checked before the first
 * poll, and the pause between polls. Plain checks rather than a schema: they keep the iterators
 * small in a bundle.
 */
import { ValidationError } from '../errors.ts';
import { describe } from './issues.ts';

/** What is wrong with poll options, as `[field, expected]`, or `undefined` when nothing is. */
function problem(options: unknown): [string, string] | undefined {
  if (typeof options != 'object' || options === null) return ['', 'an object'];
  const { interval, signal } = options as { interval?: unknown; signal?: { aborted?: unknown; addEventListener?: unknown } };
  if (interval !== undefined && !(typeof interval == 'number' && interval > 0 && interval <= 2_147_483_647)) {
    return ['interval', 'a positive number of milliseconds (at most 2147483647)'];
  }
  if (signal !== undefined && !(typeof signal?.aborted == 'boolean' && typeof signal.addEventListener == 'function')) return ['signal', 'an AbortSignal'];
  return undefined;
}

/** Throws a `ValidationError` naming `operation` unless `options` are valid `{ interval, signal }` poll options. */
export function checkPollOptions(operation: string, options: unknown): void {
  const found = problem(options);
  if (!found) return;
  const [field, expected] = found;
  const path = field ? `options.${field}` : 'options';
  const value = field ? (options as Record<string, unknown>)[field] : options;
  throw new ValidationError(operation, [{ path, expected, message: `${path}: expected ${expected}, received ${describe(value)}` }]);
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
