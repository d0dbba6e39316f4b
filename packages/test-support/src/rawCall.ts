/** A plain `fetch` to a server under test (the mock runtime's own suites), without the SDK. */

/** What `rawCall` resolves to. */
export interface RawAnswer {
  status: number;
  /** The `content-type` header, or null. */
  type: string | null;
  /** The body as text. */
  text: string;
  /** The parsed body (see `RawCallOptions.parse`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Options of `rawCall`. */
export interface RawCallOptions {
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** The body, sent as given with `content-type: application/json`. */
  body?: string | undefined;
  /** More request headers (they override the ones above). */
  headers?: Record<string, string> | undefined;
  /**
   * `'json'` (default): a non-empty body must be JSON (the call rejects otherwise), an empty one is
   * `undefined`. `'by-type'`: parsed only when the content-type says JSON, else `undefined`.
   */
  parse?: 'json' | 'by-type' | undefined;
}

/**
 * Sends one request with `fetch` and reads the whole answer.
 *
 * @example
 * ```ts
 * const { status, body } = await rawCall(`${mock.url}/schedules`, 'POST', { apiKey: API_KEY, body: JSON.stringify(job) });
 * ```
 */
export async function rawCall(url: string, method: string, options: RawCallOptions = {}): Promise<RawAnswer> {
  const { apiKey, body, headers = {}, parse = 'json' } = options;
  const res = await fetch(url, {
    method,
    headers: {
      ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  const type = res.headers.get('content-type');
  const parsed = parse === 'json' ? (text === '' ? undefined : JSON.parse(text)) : type?.includes('json') && text ? JSON.parse(text) : undefined;
  return { status: res.status, type, text, body: parsed };
}
