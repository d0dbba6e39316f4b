/**
 * Next-run computation for the mock's schedules, as the runtime's cron scheduler (the `cron`
 * crate with `chrono-tz`) does it: 6 fields, seconds first, an optional 7th (year), day-of-week
 * 1–7 from Sunday (or `SUN`–`SAT`), day-of-month AND day-of-week, read in an IANA time zone.
 * Croner does the arithmetic; the nicknames (`@hourly`, ...) are mapped to their 6-field forms.
 */
import { Cron } from 'croner';

const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 1',
  '@daily': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/** The runtime's `CronSchedulerError` texts for a bad expression or time zone. */
export class CronError extends Error {}

/** Throws a `CronError` (the runtime's message) unless `timezone` is an IANA zone name. */
export function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    if (timezone.trim() === '') throw new RangeError('empty');
  } catch {
    throw new CronError(`invalid timezone: ${timezone}`);
  }
}

function compile(expression: string, timezone: string): Cron {
  const pattern = NICKNAMES[expression.trim().toLowerCase()] ?? expression.trim();
  try {
    return new Cron(pattern, { timezone, mode: '6-or-7-parts', domAndDow: true, alternativeWeekdays: true, paused: true });
  } catch (error) {
    throw new CronError(`invalid cron expression (expected 6-field: sec min hour day month weekday): ${expression}: ${(error as Error).message}`);
  }
}

/** Throws a `CronError` unless `expression` parses (6 or 7 fields, or a nickname). */
export function checkCron(expression: string): void {
  compile(expression, 'UTC').stop();
}

/** The next `count` run times strictly after `after` (fewer when the expression runs out). */
export function nextRuns(expression: string, timezone: string, count: number, after: Date): Date[] {
  checkCron(expression);
  checkTimezone(timezone);
  const cron = compile(expression, timezone);
  try {
    return cron.nextRuns(count, after);
  } finally {
    cron.stop();
  }
}

/** The next run strictly after `after`, or `null`. */
export function nextRun(expression: string, timezone: string, after: Date): Date | null {
  return nextRuns(expression, timezone, 1, after)[0] ?? null;
}

/** A date-time as chrono's `to_rfc3339()` writes it: `+00:00`, fractional digits only when non-zero. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z').replace(/Z$/, '+00:00');
}
