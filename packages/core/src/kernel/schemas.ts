/**
 * Every validation action here carries a message phrased as the expectation ('integer'): the SDK's
 * errors print it as `expected <message>`.
 *
 * Schema pieces shared by every operation of every package. Response schemas are lenient where
 * the contract says so (unknown fields kept, unknown enum strings accepted); request schemas are
 * strict, so bad input is refused before anything is sent.
 *
 * Every schema construction is marked `@__PURE__` (scripts/mark-pure.mjs does it) so bundlers drop
 * the schemas an app does not use: esbuild does not follow valibot's own annotations across modules.
 */
import * as v from 'valibot';
import { getDefault } from 'valibot';

const RFC3339 = /^(\d{4})-(0[1-9]|1[0-2])-(\d\d)T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/**
 * Whether a string is an RFC 3339 date-time with an offset (`Z` or `±hh:mm`, any number of
 * fractional digits, a leap second `:60` included) naming a real calendar date: `2024-02-30`,
 * `"0"` or a time without an offset (which `new Date` would read in the host's zone) are not.
 */
export const isDateTime = (text: unknown): boolean => {
  const match = typeof text == 'string' && RFC3339.exec(text);
  const date = new Date(0);
  if (match) date.setUTCFullYear(+match[1]!, +match[2]! - 1, +match[3]!);
  return !!match && date.getUTCDate() == +match[3]!;
};

/**
 * The `Date` of an RFC 3339 date-time; a leap second (`23:59:60Z`), which `Date` cannot hold, is
 * the second after `23:59:59`.
 */
export const toDate = (text: string): Date => {
  const leap = /^(.{16}):60/.exec(text);
  return leap ? new Date(new Date(`${leap[1]}:59${text.slice(19)}`.toUpperCase()).getTime() + 1000) : new Date(text.toUpperCase());
};

/** A date-time in a response: an RFC 3339 string with an offset on the wire, a `Date` in the result. */
export const dateTime = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.string(),
  /* @__PURE__ */ v.check<string, string>(isDateTime, 'an RFC 3339 date-time with an offset'),
  /* @__PURE__ */ v.transform(toDate),
);

/** A date-time in a request: a valid `Date` or an RFC 3339 string with an offset; `JSON.stringify` sends a `Date` as ISO. */
export const dateTimeInput = /* @__PURE__ */ v.custom<Date | string>(
  (value) => (value instanceof Date ? !Number.isNaN(value.getTime()) : isDateTime(value)),
  'a Date or an RFC 3339 date-time string with an offset',
);

/**
 * `wrapped`, or `null`/`undefined` (replaced by `default_` when given: a value or a function), like
 * `v.nullish`, and typed as it: every object schema reads its `type` (`'nullish'`: the key may be
 * missing), the kernel's date conversion its `wrapped`. A plain schema object rather than valibot's
 * (no `~standard`, `expects` or `reference`, which nothing here reads), some 20 bytes smaller
 * gzipped in every app that has one; `optional` shares it.
 */
export const nullish: {
  <const W extends v.GenericSchema>(wrapped: W): v.NullishSchema<W, undefined>;
  <const W extends v.GenericSchema, const D extends v.Default<W, null | undefined>>(wrapped: W, default_: D): v.NullishSchema<W, D>;
} = /* @__PURE__ */ maybe('nullish', (value) => value == null);

/** `wrapped`, or `undefined` (replaced by `default_` when given), like `v.optional`: see {@link nullish}. */
export const optional: {
  <const W extends v.GenericSchema>(wrapped: W): v.OptionalSchema<W, undefined>;
  <const W extends v.GenericSchema, const D extends v.Default<W, undefined>>(wrapped: W, default_: D): v.OptionalSchema<W, D>;
} = /* @__PURE__ */ maybe('optional', (value) => value === undefined);

/** A whole number. */
export const int = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number(), /* @__PURE__ */ v.integer('integer'));

/**
 * A string that must not be empty. Range checks here and in the models are `v.check`s (which every
 * app has already) with the expectation as their message, rather than `v.minLength`/`v.minValue`:
 * the same issue for the SDK's errors, in fewer bytes.
 */
export const nonEmpty = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.check((text) => text.length > 0, 'non-empty string'));

/** Whether a value is a plain object (`{…}` or `Object.create(null)`): not an array, Map, Date or class instance. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** A plain JSON object with any keys (free-form payloads); arrays, `null`, Maps and class instances are refused. */
export const anyObject = /* @__PURE__ */ v.custom<Record<string, unknown>>(isPlainObject, 'a plain object');

/** An enum in a response: typed as the known values, but any string is accepted (forward compatible). */
export const knownString = <T extends string>(): v.GenericSchema<T | (string & {})> =>
  /* @__PURE__ */ v.string() as v.GenericSchema<T | (string & {})>;

/**
 * Freeze a `{ UPPER_SNAKE: 'value' }` object, the runtime form of an SDK enum.
 * @example const ReviewStatus = enumObject({ APPROVED: 'approved' });
 */
export const enumObject = <const T extends Record<string, string>>(values: T): Readonly<T> => /* @__PURE__ */ Object.freeze(values);

/**
 * An enum in a request: exactly one of `values` (an {@link enumObject} or a list). Its issue
 * carries the values (as `requirement`), so the error names them and quotes a typo of one
 * (`state: expected one of Created, Initializing, …, got "Runing"`); any other value is described
 * by its kind only. `check`, when given, replaces the membership test (an enum with object
 * members too; `values` then says how each member reads in the message).
 * @example const state = oneOf(AgentState);
 */
export function oneOf<const T extends string>(values: Readonly<Record<string, T>> | readonly T[]): v.GenericSchema<T>;
export function oneOf<T>(values: readonly string[], check: (value: unknown) => boolean): v.GenericSchema<T>;
export function oneOf(values: Readonly<Record<string, string>> | readonly string[], check?: (value: unknown) => boolean): v.GenericSchema {
  const options = Object.values(values);
  const schema = v.custom(check ?? ((value) => options.includes(value as string)), `one of ${options.join(', ')}`);
  return Object.assign(schema, { requirement: options });
}

/** The `nullish`/`optional` schema of `type`: a value `absent` says is missing takes the default, if any, and passes. */
function maybe(type: string, absent: (value: unknown) => boolean) {
  return (wrapped: v.GenericSchema, default_?: unknown): never =>
    ({
      kind: 'schema',
      type,
      async: false,
      wrapped,
      default: default_,
      '~run'(dataset: { value: unknown; typed?: boolean }, config: v.Config<v.BaseIssue<unknown>>) {
        if (absent(dataset.value) && default_ !== undefined) dataset.value = getDefault(this as never, dataset as never, config as never);
        return absent(dataset.value) ? ((dataset.typed = true), dataset) : wrapped['~run'](dataset as never, config);
      },
    }) as never;
}

/** Type of a response schema checked against the model interface it produces. */
export type Schema<T> = v.GenericSchema<unknown, T>;
