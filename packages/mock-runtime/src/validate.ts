/** A tiny body validator so every domain answers bad input with the same 400 `VALIDATION_ERROR`. */
import { HttpError } from './responses.ts';

/** Field kinds `assertShape` checks. A trailing `?` makes the field optional (absent, `undefined` or `null`). */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'string[]' | 'number[]';

/** Expected fields of a body: name → kind, e.g. `{ id: 'string', tools: 'string[]', dsl: 'string?' }`. */
export type Shape = Readonly<Record<string, FieldKind | `${FieldKind}?`>>;

/** One problem found by `checkShape`: the field's path and what was expected there. */
export interface Issue {
  readonly path: string;
  readonly expected: string;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fits(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
    case 'boolean':
      return typeof value === kind;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isSafeInteger(value);
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'number[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item));
  }
}

/** Lists every field of `body` that does not fit `shape` (a non-object body is one issue at `''`). */
export function checkShape(body: unknown, shape: Shape): Issue[] {
  if (!isObject(body)) return [{ path: '', expected: 'a JSON object' }];
  const issues: Issue[] = [];
  for (const [name, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const kind = (optional ? spec.slice(0, -1) : spec) as FieldKind;
    const value = body[name];
    // Like the runtime (pydantic), an optional field may also be sent as `null`.
    if (value === undefined || (optional && value === null)) {
      if (!optional) issues.push({ path: name, expected: `${kind} (required)` });
    } else if (!fits(value, kind)) {
      issues.push({ path: name, expected: kind });
    }
  }
  return issues;
}

/**
 * Throws a 400 `VALIDATION_ERROR` (`details: { issues }`) unless `body` is an object fitting `shape`.
 * Unknown fields are allowed.
 */
export function assertShape<T = Record<string, unknown>>(body: unknown, shape: Shape): asserts body is T {
  const issues = checkShape(body, shape);
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path || 'body'}: expected ${issue.expected}`).join('; ');
    throw new HttpError(400, 'VALIDATION_ERROR', `invalid request body: ${summary}`, { details: { issues } });
  }
}
