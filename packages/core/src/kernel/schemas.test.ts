import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toIssues } from './issues.ts';
import { oneOfStrings } from './schemas.ts';

describe('oneOfStrings', () => {
  const issuesOf = (schema: v.GenericSchema, input: unknown) => toIssues(v.safeParse(v.strictObject({ field: schema }), { field: input }).issues ?? []);

  it('accepts exactly its options', () => {
    const schema = oneOfStrings(['slack', 'teams']);
    expect(v.safeParse(schema, 'slack')).toMatchObject({ success: true, output: 'slack' });
    expect(v.safeParse(schema, 'teams').success).toBe(true);
    for (const input of ['Slack', 'irc', '', 42, null, undefined, ['slack']]) expect(v.safeParse(schema, input).success).toBe(false);
  });

  it.each([['approve', 'reject'], ['only']])('reports what v.picklist reports (%s)', (...options) => {
    for (const input of ['aprove', 'onyl', 'something else', 42, null, {}]) {
      const ours = issuesOf(oneOfStrings(options), input);
      expect(ours).toHaveLength(1);
      expect(ours).toEqual(issuesOf(v.picklist(options), input));
    }
    expect(issuesOf(oneOfStrings(options), 'aprove')[0]!.expected).toBe(`one of ${options.join(', ')}`);
  });
});
