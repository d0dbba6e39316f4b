import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { checkPollOptions, pause } from './polling.ts';

describe('checkPollOptions', () => {
  it('accepts { interval, signal } and nothing else, naming the operation and the field', () => {
    expect(() => checkPollOptions('watchX', {})).not.toThrow();
    expect(() => checkPollOptions('watchX', { interval: 5, signal: new AbortController().signal })).not.toThrow();
    for (const [options, path] of [[null, 'options'], [{ interval: 0 }, 'options.interval'], [{ interval: Infinity }, 'options.interval'], [{ signal: {} }, 'options.signal']] as const) {
      let error: unknown;
      try {
        checkPollOptions('watchX', options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ operation: 'watchX', issues: [{ path }] });
    }
  });
});

describe('pause', () => {
  it('resolves true after the wait, false at once when the signal aborts or has aborted', async () => {
    expect(await pause(1, undefined)).toBe(true);
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await pause(60_000, controller.signal)).toBe(false);
  });
});
