import * as v from 'valibot';
import type { Context } from '../createContext.ts';
import { ResponseValidationError, ValidationError } from '../errors.ts';
import { convertDates } from './convertDates.ts';
import { describe, toIssues } from './issues.ts';
import type { CallOptions } from './options.ts';
import { capText, send } from './send.ts';

/** What a domain function declares about its operation: nothing more is needed to call it. */
export interface Operation<Output> {
  /** The SDK function's name, used in every error and log line. */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Path after the base URL, with `{placeholders}` filled in order from `params`. */
  readonly path: string;
  /** Values for the path's placeholders, in path order. */
  readonly params?: readonly unknown[];
  /** Query filters; `undefined` ones are not sent. */
  readonly query?: object | undefined;
  /** The request body as the caller gave it. */
  readonly body?: unknown;
  /** Schema the body must pass; its output (defaults applied) is what goes on the wire. */
  readonly input?: v.GenericSchema | undefined;
  /** Schema for the response body; omitted for free-form JSON. */
  readonly output?: v.GenericSchema<unknown, Output> | undefined;
}

const DOT_SEGMENT = /^\.{1,2}$/;

/**
 * Run one operation: validate the input before anything is sent, build the URL, send, then
 * parse, validate and convert the response. Every domain function is one call to this.
 * @internal
 */
export async function call<Output>(ctx: Context, op: Operation<Output>, options?: CallOptions): Promise<Output> {
  const { name } = op;
  if (!ctx || typeof ctx.baseUrl !== 'string') {
    throw new ValidationError(name, [{ path: 'ctx', expected: 'a context from createContext()', message: `ctx: expected a context from createContext(), received ${describe(ctx)}` }]);
  }
  let index = 0;
  const params = op.params ?? [];
  const path = op.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const value = params[index++];
    if (typeof value !== 'string' || value === '' || DOT_SEGMENT.test(value)) {
      throw new ValidationError(name, [{
        path: param,
        expected: "a non-empty string other than '.' or '..'",
        message: `${param}: expected a non-empty string other than '.' or '..', received ${typeof value === 'string' ? JSON.stringify(value) : describe(value)}`,
      }]);
    }
    return encodeURIComponent(value);
  });

  let body = op.body;
  if (op.input) {
    const result = v.safeParse(op.input, body);
    if (!result.success) throw new ValidationError(name, toIssues(result.issues));
    body = result.output;
  }

  let url = ctx.baseUrl + path;
  if (op.query) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(op.query)) {
      if (value !== undefined) search.append(key, String(value));
    }
    const query = search.toString();
    if (query) url += `?${query}`;
  }

  const { response, text } = await send(ctx, name, op.method, url, body, options);
  const { status } = response;
  if (text === '' && !op.output) return undefined as Output;
  // A declared content type must be JSON (`application/json`, `…+json`); a missing one is tried as JSON.
  const type = response.headers.get('content-type');
  let data: unknown;
  try {
    if (type && !/[/+]json\s*(;|$)/i.test(type)) throw new TypeError(`content type ${type}`);
    data = JSON.parse(text);
  } catch (error) {
    throw new ResponseValidationError(`${name}: expected a JSON body, got ${text === '' ? 'an empty body' : type || 'invalid JSON'} (status ${status})`, status, capText(text), [], { cause: error });
  }
  if (!op.output) return data as Output;
  if (!ctx.validateResponses) return convertDates(op.output, data) as Output;
  const result = v.safeParse(op.output, data);
  if (!result.success) {
    const issues = toIssues(result.issues, 'response');
    throw new ResponseValidationError(`${name}: unexpected response shape: ${issues.map((i) => i.message).join('; ')}`, status, capText(text), issues);
  }
  return result.output;
}
