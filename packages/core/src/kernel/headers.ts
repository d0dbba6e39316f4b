/**
 * Building and checking the headers of a request. Credential headers (the API key's
 * `Authorization`, and `authorization`, `proxy-authorization`, `cookie`, `x-api-key` given in the
 * context or per call) are kept apart: they are added only when the request is handed to `fetch`,
 * so hooks never see them, and their values are redacted from everything.
 */

/** Header names whose values are credentials. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

/** Whether a header name is a valid token and its value a string without CR, LF or NUL. */
export const validHeader = (name: string, value: unknown): boolean =>
  /^[\w!#$%&'*+.^`|~-]+$/.test(name) && typeof value == 'string' && !/[\r\n\0]/.test(value);

/** The parts of a credential header value a server may echo: the value, its token, cookie values. */
export const credentialParts = (value: string): string[] => [
  value,
  value.slice(value.indexOf(' ') + 1),
  ...value.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim()),
];

/** The headers of one request, split into what hooks may see and the credentials added at `fetch`. */
export interface SplitHeaders {
  readonly visible: Record<string, string>;
  readonly hidden: Record<string, string>;
  /** Every credential value, for redaction. */
  readonly secrets: string[];
}

/**
 * Merge header sets (later wins, names lower-cased) and split out the credential headers.
 * Values are assumed checked ({@link validHeader}).
 */
export function splitHeaders(...sets: (Record<string, string> | undefined)[]): SplitHeaders {
  const visible: Record<string, string> = {};
  const hidden: Record<string, string> = {};
  const secrets: string[] = [];
  for (const set of sets) {
    for (const name in set) {
      const lower = name.toLowerCase();
      delete visible[lower];
      delete hidden[lower];
      if (CREDENTIAL_HEADERS.includes(lower)) secrets.push(...credentialParts((hidden[lower] = set[name]!)));
      else visible[lower] = set[name]!;
    }
  }
  return { visible, hidden, secrets };
}
