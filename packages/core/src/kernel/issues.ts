import type { BaseIssue } from 'valibot';
import type { ValidationIssue } from '../errors.ts';

/** Describe a value by its kind only: never its contents, which may be a credential. */
export const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : value instanceof Date ? 'Date' : typeof value;

/**
 * Whether `value` is a typo of `option`: a string at most two edits (Levenshtein) away from it,
 * letter case aside. Only such a value is quoted in a message: it cannot be a credential.
 */
export function isTypo(value: unknown, option: string): boolean {
  if (typeof value != 'string' || Math.abs(value.length - option.length) > 2) return false;
  const a = value.toLowerCase();
  const b = option.toLowerCase();
  let row = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] == b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]! <= 2;
}

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
    // An enum names its values; a typo of one of them is quoted, anything else (a credential put in
    // the wrong field, say) is still described by its kind only.
    // A custom enum check (the kernel's `oneOf`) carries its values as `requirement`.
    const listed = issue.type == 'custom' && Array.isArray(issue.requirement) ? (issue.requirement as string[]) : undefined;
    if (listed || /^(picklist|enum)$/.test(issue.type)) {
      const options = listed ?? issue.expected?.replace(/["()]/g, '').split(' | ') ?? [];
      const expected = `one of ${options.join(', ')}`;
      const typo = options.some((option) => isTypo(issue.input, option));
      return { path, expected, message: `${where}: expected ${expected}, ${typo ? `got ${JSON.stringify(issue.input)}` : `received ${describe(issue.input)}`}` };
    }
    // The SDK gives every validation action a message phrased as the expectation ('integer').
    const expected = issue.kind === 'schema' && issue.type != 'custom' ? issue.expected ?? issue.message : issue.message;
    // A check on an object forwarded to one of its fields (`v.forward`) has the whole object as
    // input: the value described is the field's, the last path item's.
    const last = issue.path?.at(-1);
    const received = issue.kind === 'validation' && last && 'value' in last ? last.value : issue.input;
    return { path, expected, message: `${where}: expected ${expected}, received ${describe(received)}` };
  });
}
