import type { BaseIssue } from 'valibot';
import type { ValidationIssue } from '../errors.ts';

/** Describe a value by its kind only: never its contents, which may be a credential. */
export const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : value instanceof Date ? 'Date' : typeof value;

/**
 * Turn valibot issues into the SDK's: a dotted path, what was expected, and a message that says
 * what kind of value was received but never the value itself.
 */
export function toIssues(issues: readonly BaseIssue<unknown>[], root = ''): ValidationIssue[] {
  return issues.map((issue) => {
    const path = [root, ...(issue.path ?? []).map((item) => String(item.key))].filter(Boolean).join('.');
    const where = path || 'value';
    // valibot reports a missing key as `expected "key"` and an unknown key as `expected never`.
    const key = issue.type.endsWith('object') && issue.path?.at(-1)?.origin === 'key';
    if (key) {
      const missing = issue.expected !== 'never';
      const expected = missing ? 'a required field' : 'no such field';
      return { path, expected, message: `${where}: ${missing ? 'required field is missing' : 'unknown field'}` };
    }
    // An enum typo names the allowed values and the string received (an enum value is no credential).
    if (/^(picklist|enum)$/.test(issue.type) && typeof issue.input == 'string') {
      const expected = `one of ${issue.expected?.replace(/["()]/g, '').split(' | ').join(', ')}`;
      return { path, expected, message: `${where}: expected ${expected}, got ${JSON.stringify(issue.input.slice(0, 40))}` };
    }
    // The SDK gives every validation action a message phrased as the expectation ('integer').
    const expected = issue.kind === 'schema' && issue.type != 'custom' ? issue.expected ?? issue.message : issue.message;
    return { path, expected, message: `${where}: expected ${expected}, received ${describe(issue.input)}` };
  });
}
