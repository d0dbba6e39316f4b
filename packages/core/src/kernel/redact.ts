/**
 * Redaction: cutting credentials out of every text an error, a log line or a hook may carry.
 *
 * A secret is found as given, JSON-escaped in any way a server may write it (`\"`, `\\`, `\/`,
 * `\n`…, `\uXXXX` with hex digits in either case, astral characters as surrogate pairs, escaped
 * again when a JSON text is itself quoted in JSON) and percent-encoded (either hex case, `+` for a
 * space), or any mix of these, character by character. Only whole occurrences of secrets of at
 * least {@link MIN_SECRET} characters are replaced: a shorter one cannot be told from ordinary text.
 */

/** Shortest secret redacted, in characters. */
export const MIN_SECRET = 4;

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** A hex number of `digits` digits whose letters match in either case. */
const hex = (code: number, digits: number): string =>
  code.toString(16).padStart(digits, '0').replace(/[a-f]/g, (c) => `[${c}${c.toUpperCase()}]`);

const SHORT: Record<string, string> = { '"': '"', '\\': '\\\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };
const encoder = /* @__PURE__ */ new TextEncoder();

/** A regular expression source matching one character (a code point) in every form a server may write it. */
function character(char: string): string {
  let unicode = '';
  for (let i = 0; i < char.length; i++) unicode += `\\\\+u${hex(char.charCodeAt(i), 4)}`;
  let percent = '';
  for (const byte of encoder.encode(char)) percent += `%${hex(byte, 2)}`;
  const forms = [char.replace(/[$()*+.?[\\\]^{|}/-]/g, '\\$&'), unicode, percent];
  if (SHORT[char]) forms.push(`\\\\+${SHORT[char]}`);
  if (char == ' ') forms.push('\\+');
  return `(?:${forms.join('|')})`;
}

/**
 * A function that replaces every whole occurrence of the given secrets (strings of at least
 * {@link MIN_SECRET} characters; anything else is ignored) with `[REDACTED]`, in every form above.
 */
export function redactor(secrets: Iterable<unknown>): (text: string) => string {
  const unique = new Set<string>();
  for (const secret of secrets) if (typeof secret == 'string' && secret.length >= MIN_SECRET) unique.add(secret);
  if (!unique.size) return (text) => text;
  // Built on first use: a call that never fails or logs never pays for the pattern.
  let pattern: RegExp | undefined;
  return (text) => {
    // Longest first, so a secret that contains another is cut whole.
    pattern ??= new RegExp([...unique].sort((a, b) => b.length - a.length).map((secret) => [...secret].map(character).join('')).join('|'), 'g');
    return text.replace(pattern, REDACTED);
  };
}

/** Request-body fields whose values are credentials, at any depth. */
export const CREDENTIAL_FIELDS = ['secret_value', 'token', 'secret_id', 'encryption_key', 'agentpin_jwt'];

/** The values of every {@link CREDENTIAL_FIELDS} field of a request body, at any depth. */
export function bodySecrets(value: unknown, found: unknown[] = [], depth = 0): unknown[] {
  if (value && typeof value == 'object' && depth < 300) {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (CREDENTIAL_FIELDS.includes(key)) found.push(item);
      bodySecrets(item, found, depth + 1);
    }
  }
  return found;
}
