/**
 * Checks that a credential reaches no error, log line or hook argument: every way an error can be
 * looked at, every form a server may echo a secret in, and one assertion over both.
 */
import { inspect } from 'node:util';
import { expect } from 'vitest';

/**
 * Every way an error can be looked at, as text: message, stack, `String`, `inspect` (hidden fields
 * too), JSON, and the fields the SDK's errors carry (`body`, `responseText`, `details`, `issues`,
 * `headers`) and the `cause` chain.
 *
 * @example
 * ```ts
 * expectNoSecret(errorViews(await catchError(storeSecret(ctx, request))), [SECRET_VALUE]);
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function errorViews(error: any): string[] {
  return [
    String(error.message),
    String(error.stack),
    String(error),
    inspect(error, { depth: 20, showHidden: true }),
    JSON.stringify(error),
    JSON.stringify(error.body ?? null),
    String(error.responseText ?? ''),
    JSON.stringify(error.details ?? null),
    JSON.stringify(error.issues ?? null),
    JSON.stringify(error.headers ?? null),
    inspect(error.cause, { depth: 20 }),
  ];
}

const hex = (upper: boolean) => (c: string): string => {
  const code = c.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? code.toUpperCase() : code}`;
};

/**
 * Every form a server may echo a secret in: as given, JSON-escaped (with `/` as is and as `\/`),
 * JSON-escaped with every non-ASCII character as `\uXXXX` (lower and upper case hex, as Python's
 * `json.dumps` writes it) and percent-encoded. No duplicates.
 *
 * @example
 * ```ts
 * echoForms('a/"b"'); // ['a/"b"', 'a/\\"b\\"', 'a\\/\\"b\\"', 'a%2F%22b%22']
 * ```
 */
export function echoForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return [...new Set([
    secret,
    escaped,
    escaped.replaceAll('/', '\\/'),
    escaped.replace(/[^\x20-\x7e]/g, hex(false)),
    escaped.replace(/[^\x20-\x7e]/g, hex(true)),
    encodeURIComponent(secret),
  ])];
}

/**
 * Asserts that no text holds any of the secrets in any of its echo forms (`echoForms`).
 *
 * @example
 * ```ts
 * expectNoSecret([...errorViews(error), ...logLines], [API_KEY, TOKEN]);
 * ```
 */
export function expectNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) for (const secret of secrets) for (const form of echoForms(secret)) expect(text).not.toContain(form);
}
