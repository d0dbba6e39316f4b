import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isTypo, toIssues } from './issues.ts';

const Status = v.picklist(['pending_review', 'approved', 'rejected']);
const messageFor = (value: unknown) => toIssues(v.safeParse(v.object({ status: Status }), { status: value }).issues!)[0]!.message;

describe('enum issues', () => {
  it('quote a typo and list the allowed values', () => {
    expect(messageFor('aproved')).toBe('status: expected one of pending_review, approved, rejected, got "aproved"');
    expect(messageFor('APPROVED')).toBe('status: expected one of pending_review, approved, rejected, got "APPROVED"');
  });

  it('describe anything else by its kind only: it may be a credential put in the wrong field', () => {
    expect(messageFor('hvs.vault-token-0002')).toBe('status: expected one of pending_review, approved, rejected, received string');
    expect(messageFor(3)).toBe('status: expected one of pending_review, approved, rejected, received number');
  });

  it('isTypo allows at most two edits, case aside', () => {
    expect(isTypo('aproved', 'approved')).toBe(true);
    expect(isTypo('approvd!', 'approved')).toBe(true);
    expect(isTypo('apr', 'approved')).toBe(false);
    expect(isTypo('keychain', 'os_keychain')).toBe(false);
    expect(isTypo(undefined, 'x')).toBe(false);
  });
});
