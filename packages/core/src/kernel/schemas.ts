/**
 * Every validation action here carries a message phrased as the expectation ('integer'): the SDK's
 * errors print it as `expected <message>`.
 *
 * Schema pieces shared by every operation of every package. Response schemas are lenient where
 * the contract says so (unknown fields kept, unknown enum strings accepted); request schemas are
 * strict, so bad input is refused before anything is sent.
 */
import * as v from 'valibot';

/** A date-time in a response: an ISO-8601 string on the wire, a `Date` in the result. */
export const dateTime = v.pipe(
  v.string(),
  v.transform((text) => new Date(text)),
  v.date('ISO-8601 date-time'),
);

/** A date-time in a request: a valid `Date` or an ISO-8601 string; `JSON.stringify` sends a `Date` as ISO. */
export const dateTimeInput = v.union(
  [v.date(), v.pipe(v.string(), v.isoTimestamp('ISO-8601 date-time'))],
  'Date or ISO-8601 date-time string',
);

/** A whole number. */
export const int = v.pipe(v.number(), v.integer('integer'));

/** A string that must not be empty. */
export const nonEmpty = v.pipe(v.string(), v.minLength(1, 'non-empty string'));

/** A JSON object with any keys (free-form payloads). */
export const anyObject = v.record(v.string(), v.unknown());

/** An enum in a response: typed as the known values, but any string is accepted (forward compatible). */
export const knownString = <T extends string>(): v.GenericSchema<T | (string & {})> =>
  v.string() as v.GenericSchema<T | (string & {})>;

/**
 * Freeze a `{ UPPER_SNAKE: 'value' }` object, the runtime form of an SDK enum.
 * @example const ReviewStatus = enumObject({ APPROVED: 'approved' });
 */
export const enumObject = <const T extends Record<string, string>>(values: T): Readonly<T> => Object.freeze(values);

/** Type of a response schema checked against the model interface it produces. */
export type Schema<T> = v.GenericSchema<unknown, T>;
