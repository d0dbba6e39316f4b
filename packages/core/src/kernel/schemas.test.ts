import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toIssues } from './issues.ts';
import { enumObject, oneOf } from './schemas.ts';

describe('oneOf', () => {
  const issuesOf = (schema: v.GenericSchema, input: unknown) => toIssues(v.safeParse(v.strictObject({ field: schema }), { field: input }).issues ?? []);

  it('accepts exactly its options', () => {
    const schema = oneOf(['slack', 'teams']);
    expect(v.safeParse(schema, 'slack')).toMatchObject({ success: true, output: 'slack' });
    expect(v.safeParse(schema, 'teams').success).toBe(true);
    for (const input of ['Slack', 'irc', '', 42, null, undefined, ['slack']]) expect(v.safeParse(schema, input).success).toBe(false);
  });

  it('takes an enum object as well as a list', () => {
    const Platform = enumObject({ SLACK: 'slack', TEAMS: 'teams' });
    expect(v.safeParse(oneOf(Platform), 'teams').success).toBe(true);
    expect(issuesOf(oneOf(Platform), 'slak')[0]!.message).toBe('field: expected one of slack, teams, got "slak"');
  });

  it.each([['approve', 'reject'], ['only']])('reports what v.picklist reports (%s)', (...options) => {
    for (const input of ['aprove', 'onyl', 'something else', 42, null, {}]) {
      const ours = issuesOf(oneOf(options), input);
      expect(ours).toHaveLength(1);
      expect(ours).toEqual(issuesOf(v.picklist(options), input));
    }
    expect(issuesOf(oneOf(options), 'aprove')[0]!.expected).toBe(`one of ${options.join(', ')}`);
  });
});
