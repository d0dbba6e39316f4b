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

/** A date-time in a response: an ISO-8601 string on the wire, a `Date` in the result. */
export const dateTime = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.string(),
  /* @__PURE__ */ v.transform((text) => new Date(text)),
  /* @__PURE__ */ v.date('ISO-8601 date-time'),
);

/** A date-time in a request: a valid `Date` or an ISO-8601 string; `JSON.stringify` sends a `Date` as ISO. */
export const dateTimeInput = /* @__PURE__ */ v.custom<Date | string>(
  (value) => (value instanceof Date ? !Number.isNaN(value.getTime()) : typeof value == 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) && !Number.isNaN(Date.parse(value))),
  'a Date or an ISO-8601 date-time string',
);

/** A whole number. */
export const int = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number(), /* @__PURE__ */ v.integer('integer'));

/** A string that must not be empty. */
export const nonEmpty = /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.minLength(1, 'non-empty string'));

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

/** Type of a response schema checked against the model interface it produces. */
export type Schema<T> = v.GenericSchema<unknown, T>;
