import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { convertDates } from './convertDates.ts';
import { toIssues } from './issues.ts';
import { dateTime, int, nullish, optional } from './schemas.ts';

// The kernel's nullish/optional replace valibot's in every model: they must behave exactly alike,
// alone and inside strict, loose and piped objects, with and without defaults.

/** What a parse produces that the SDK can see: success, output, and the SDK's issues. */
const outcome = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return { success: result.success, typed: result.typed, output: result.output, issues: toIssues(result.issues ?? []) };
};

const INPUTS = [undefined, null, 'text', '', 0, 7, 2.5, true, {}, [], { a: 1 }, '2024-01-02T03:04:05Z'];
const INNER = [v.string(), int, v.boolean(), dateTime, v.array(v.string()), v.looseObject({ a: int })];

describe.each([
  ['nullish', v.nullish, nullish],
  ['optional', v.optional, optional],
] as const)('kernel %s', (_, theirs, ours) => {
  const defaults: unknown[] = [undefined, 'fallback', 5, null, () => 'computed'];
  const make = (build: typeof theirs | typeof ours, inner: v.GenericSchema, fallback: unknown) =>
    (fallback === undefined ? (build as (w: v.GenericSchema) => v.GenericSchema)(inner) : (build as (w: v.GenericSchema, d: unknown) => v.GenericSchema)(inner, fallback));

  it('gives the same output and issues as valibot for every input, alone and as an object field', () => {
    for (const inner of INNER) {
      for (const fallback of defaults) {
        if (fallback === null && theirs === v.optional) continue; // optional's default cannot be null
        const a = make(theirs, inner, fallback);
        const b = make(ours, inner, fallback);
        expect(b.type).toBe(a.type);
        for (const input of INPUTS) {
          expect(outcome(b, input)).toEqual(outcome(a, input));
          for (const wrap of [v.strictObject, v.looseObject, v.object] as ((entries: v.ObjectEntries) => v.GenericSchema)[]) {
            expect(outcome(wrap({ field: b, other: v.string() }), { field: input, other: 'x' })).toEqual(outcome(wrap({ field: a, other: v.string() }), { field: input, other: 'x' }));
            expect(outcome(wrap({ field: b, other: v.string() }), { other: 1 })).toEqual(outcome(wrap({ field: a, other: v.string() }), { other: 1 }));
          }
          expect(outcome(v.array(b), [input, input])).toEqual(outcome(v.array(a), [input, input]));
        }
      }
    }
  });

  it('lets the kernel turn a date-time inside it into a Date', () => {
    const schema = v.looseObject({ at: (ours as (wrapped: v.GenericSchema) => v.GenericSchema)(dateTime) });
    expect(convertDates(schema, { at: '2024-01-02T03:04:05Z' })).toEqual({ at: new Date('2024-01-02T03:04:05Z') });
    expect(convertDates(schema, { at: null })).toEqual({ at: null });
  });
});
