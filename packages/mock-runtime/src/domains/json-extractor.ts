/**
 * The runtime's JSON body extractor (axum's `Json<T>` over a serde struct), for the schedule and
 * channel routes: a body that is not `application/json` is 415, and one whose fields do not fit
 * the struct is 422, both `text/plain` like the runtime's rejections, before the handler runs.
 */
import type { RouteRequest, RouteResponse } from '../routes.ts';
import { isObject } from '../validate.ts';

/**
 * How serde reads a field: `string`, `bool`, `strings` (`Vec<String>`) or `json`
 * (`serde_json::Value`: any JSON, `null` included). A trailing `?` is an `Option` (absent or
 * `null` both mean "none"); a trailing `=` is `#[serde(default)]` (absent is fine, `null` is 422).
 */
type Kind = 'string' | 'bool' | 'strings' | 'json';
export type FieldSpec = Kind | `${Kind}?` | `${Kind}=`;

/** A `text/plain` answer, the form of the runtime's extractor rejections (the route reply's `text`). */
const plainText = (status: number, text: string): RouteResponse => ({ status, text });

/** Thrown by `extractJson`; `guarded` turns it into its `text/plain` response. */
class Rejection extends Error {
  readonly response: RouteResponse;
  constructor(response: RouteResponse) {
    super('rejected');
    this.response = response;
  }
}

const expected: Record<Kind, string> = { string: 'a string', bool: 'a boolean', strings: 'a sequence', json: 'any valid JSON value' };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'sequence';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `boolean \`${String(value)}\``;
  return `${Number.isInteger(value) ? 'integer' : 'floating point'} \`${String(value)}\``;
}

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'json':
      return true;
  }
}

const deserializeFailure = (detail: string): Rejection =>
  new Rejection(plainText(422, `Failed to deserialize the JSON body into the target type: ${detail}`));

/**
 * Reads `req.body` as the runtime's `Json<T>` would, with `fields` describing `T`; unknown fields
 * are ignored (serde's default). Throws the 415 or 422 rejection; `guarded` answers it.
 */
export function extractJson<T>(req: RouteRequest, fields: Readonly<Record<string, FieldSpec>>): T {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new Rejection(plainText(415, 'Expected request with `Content-Type: application/json`'));
  }
  if (req.body === undefined) {
    throw new Rejection(plainText(400, 'Failed to parse the request body as JSON: EOF while parsing a value at line 1 column 0'));
  }
  if (!isObject(req.body)) throw deserializeFailure(`invalid type: ${typeName(req.body)}, expected a struct`);
  const body = req.body;
  for (const [name, spec] of Object.entries(fields)) {
    const mode = spec.endsWith('?') || spec.endsWith('=') ? spec.at(-1) : '';
    const kind = (mode ? spec.slice(0, -1) : spec) as Kind;
    const value = body[name];
    if (value === undefined) {
      if (mode === '') throw deserializeFailure(`missing field \`${name}\``);
      continue;
    }
    if (value === null && mode === '?') continue;
    if (!fits(value, kind)) {
      const item = kind === 'strings' && Array.isArray(value) ? value.find((entry) => typeof entry !== 'string') : value;
      const what = kind === 'strings' && Array.isArray(value) ? 'a string' : expected[kind];
      throw deserializeFailure(`${name}: invalid type: ${typeName(item)}, expected ${what}`);
    }
  }
  return body as T;
}

/** Wraps a handler so the extractor's rejections are answered as the runtime answers them. */
export function guarded<A extends unknown[]>(handler: (...args: A) => RouteResponse | Promise<RouteResponse>) {
  return async (...args: A): Promise<RouteResponse> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof Rejection) return error.response;
      throw error;
    }
  };
}
