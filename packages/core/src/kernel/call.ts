import * as v from 'valibot';
import type { Context } from '../createContext.ts';
import { checkContext } from './context.ts';
import { ResponseValidationError, ValidationError } from '../errors.ts';
import { convertDates } from './convertDates.ts';
import { describe, toIssues } from './issues.ts';
import type { CallOptions } from './options.ts';
import { isPlainObject } from './schemas.ts';
import { dropped, encode, notJson } from './body.ts';
import { send } from './send.ts';
import { capText, scrub } from './toError.ts';

/** What a domain function declares about its operation: nothing more is needed to call it. */
export interface Operation<Output> {
  /** The SDK function's name, used in every error and log line. */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path after the base URL, with `{placeholders}` filled in order from `params`. */
  readonly path: string;
  /** Values for the path's placeholders, in path order. */
  readonly params?: readonly unknown[] | undefined;
  /** Query filters; `undefined` ones are not sent. */
  readonly query?: object | undefined;
  /** Schema the query filters must pass, when they have more rules than "a string or a number". */
  readonly queryInput?: v.GenericSchema | undefined;
  /** The request body as the caller gave it. */
  readonly body?: unknown;
  /** Schema the body must pass; its output (defaults applied) is what goes on the wire. */
  readonly input?: v.GenericSchema | undefined;
  /** Schema for the response body; omitted for free-form JSON. */
  readonly output?: v.GenericSchema<unknown, Output> | undefined;
  /** The response body is a credential (a secret's value): never copied into an error. */
  readonly sensitive?: boolean | undefined;
  /**
   * Credential values this request carries beyond the kernel's known body fields (an MCP server's
   * `env` values, a channel's `config` strings, a webhook signing secret): given the validated
   * body, returns them; each is redacted from every error, log line and hook argument.
   */
  readonly credentials?: ((body: any) => Iterable<unknown>) | undefined;
  /**
   * `false`: never retried, whatever the call's options say (`retry: true`, `idempotencyKey`):
   * for a destructive read such as `receiveMessages`, where a retry would lose what it consumed.
   */
  readonly retry?: false | undefined;
  /**
   * Statuses that are an answer of this operation, never retried (`isReady`'s 503): the call fails
   * with their `APIError` at once, while other failures keep the normal retry rules.
   */
  readonly answers?: readonly number[] | undefined;
}

/**
 * The `ValidationError` of operation `name` for one bad value at `path` (`value` when empty):
 * `<path>: expected <expected>, received <kind of value>` (never the value itself).
 */
export const invalid = (name: string, path: string, expected: string, value: unknown): ValidationError =>
  new ValidationError(name, [{ path, expected, message: `${path || 'value'}: expected ${expected}, received ${describe(value)}` }]);

/**
 * A path with every character URL parsing may percent-encode (or leave as is, depending on the
 * URL standard's version) percent-encoded, so two spellings of the same path compare equal.
 */
const pathForm = (path: string): string | undefined => {
  try {
    return path.replace(/[^\w.~!$&'()*+,;=:@/%-]/gu, (char) => encodeURIComponent(char));
  } catch {
    return undefined;
  }
};

/**
 * Run one operation: validate the input before anything is sent, build the URL, send, then
 * parse, validate and convert the response. Every domain function is one call to this.
 * @internal
 */
export async function call<Output>(ctx: Context, op: Operation<Output>, options?: CallOptions): Promise<Output> {
  const { name, params = [], output } = op;
  checkContext(name, ctx);
  let index = 0;
  // Each parameter is percent-encoded; '', '.' and '..' would let URL parsing change the route.
  const path = op.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const value = params[index++];
    const encoded = typeof value == 'string' && !/^\.{0,2}$/.test(value) && encode(value);
    if (!encoded) throw invalid(name, param, "a non-empty string other than '.' or '..'", typeof value == 'string' ? `"${value}"` : value);
    return encoded;
  });

  const check = (schema: v.GenericSchema | undefined, value: unknown): unknown => {
    if (!schema) return value;
    const result = v.safeParse(schema, value);
    if (!result.success) throw new ValidationError(name, toIssues(result.issues));
    return result.output;
  };
  if (op.input && !isPlainObject(op.body)) throw invalid(name, '', 'a plain object', op.body);
  // Depth first: every later walk over the body is then bounded.
  const bad = notJson(op.body);
  if (bad) throw invalid(name, bad[0], bad[1], undefined);
  const body = check(op.input, op.body);
  const lost = dropped(op.body, body);
  if (lost !== undefined) throw invalid(name, lost, 'a value the request can carry unchanged', undefined);

  let search = '';
  if (op.query !== undefined || op.queryInput) {
    if (op.query !== undefined && !isPlainObject(op.query)) throw invalid(name, 'filters', 'an object', op.query);
    const query = new URLSearchParams();
    const given = Object.entries(op.query ?? {}).filter(([, value]) => value !== undefined);
    for (const [key, value] of Object.entries(check(op.queryInput, Object.fromEntries(given)) as object)) {
      if (!['string', 'number', 'boolean'].includes(typeof value) || value === '' || !encode(String(value))) {
        throw invalid(name, key, 'a non-empty string or a number', value);
      }
      query.append(key, String(value));
    }
    search = `${query}`;
  }

  const url = ctx.baseUrl + path + (search && `?${search}`);
  // A general guard: URL parsing must not have moved the path (dot segments, `\`, tabs and
  // newlines, a stray `?` or `#`), so every request stays under the base URL's path.
  const base = new URL(ctx.baseUrl).pathname.replace(/\/$/, '');
  const built = (base + path) || '/';
  let parsed: string | undefined;
  try {
    parsed = new URL(url).pathname;
  } catch {
    // refused below
  }
  if (parsed === undefined || !parsed.startsWith(base) || pathForm(parsed) != pathForm(built)) {
    const expected = 'a path that stays as built under the base URL (URL parsing must not change it)';
    throw new ValidationError(name, [{ path: 'path', expected, message: `path: expected ${expected}` }]);
  }

  const { response, text, redact } = await send(ctx, name, op.method, url, body, options, {
    credentials: op.credentials ? [...op.credentials(body)].filter((value): value is string => typeof value == 'string') : [],
    retry: op.retry,
    answers: op.answers,
  });
  const { status } = response;
  if (!text && !output) return undefined as Output;
  // A declared content type must be JSON (`application/json`, `…+json`); a missing one is tried as JSON.
  const type = response.headers.get('content-type');
  const reject = (message: string, issues?: ReturnType<typeof toIssues>, cause?: unknown): never => {
    // A sensitive body (a secret's value) leaves no trace: not in responseText, not in a cause.
    throw new ResponseValidationError(`${name}: ${message} (status ${status})`, status, op.sensitive ? '' : capText(redact(text)), issues, op.sensitive ? undefined : { cause: scrub(cause, redact) });
  };
  let data: unknown;
  try {
    if (type && !/[/+]json\s*(;|$)/i.test(type)) throw type;
    data = JSON.parse(text);
  } catch (error) {
    reject(`expected a JSON body, got ${text ? type || 'invalid JSON' : 'an empty body'}`, [], error);
  }
  if (!output) return data as Output;
  if (!ctx.validateResponses) return convertDates(output, data) as Output;
  const result = v.safeParse(output, data);
  if (result.success) return result.output;
  const issues = toIssues(result.issues, 'response');
  return reject(`unexpected response shape: ${issues.map((i) => i.message).join('; ')}`, issues);
}
