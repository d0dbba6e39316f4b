// The credential checks other suites rely on: they must fail when a secret does show.
import { describe, expect, it } from 'vitest';
import { echoForms, errorViews, expectNoSecret } from './secrets.ts';

const SECRET = 'to/"k\\en-é-🔑';

describe('echoForms', () => {
  it('lists the secret as given, JSON-escaped (both slash forms), \\uXXXX-escaped (both cases) and percent-encoded, once each', () => {
    expect(echoForms(SECRET)).toEqual([
      SECRET,
      'to/\\"k\\\\en-é-🔑',
      'to\\/\\"k\\\\en-é-🔑',
      'to/\\"k\\\\en-\\u00e9-\\ud83d\\udd11',
      'to/\\"k\\\\en-\\u00E9-\\uD83D\\uDD11',
      encodeURIComponent(SECRET),
    ]);
    expect(echoForms('plain-secret')).toEqual(['plain-secret']);
  });
});

describe('errorViews', () => {
  it('shows what hides in the message, hidden fields, the SDK fields and the cause chain', () => {
    const error = Object.assign(new Error('top'), {
      body: { a: 'in-body' },
      responseText: 'in-response-text',
      details: { d: 'in-details' },
      issues: [{ message: 'in-issues' }],
      headers: { 'x-echo': 'in-headers' },
      cause: new Error('outer', { cause: new Error('in-deep-cause') }),
    });
    Object.defineProperty(error, 'hidden', { value: 'in-hidden', enumerable: false });
    const all = errorViews(error).join('\n');
    for (const part of ['top', 'in-body', 'in-response-text', 'in-details', 'in-issues', 'in-headers', 'in-deep-cause', 'in-hidden']) expect(all).toContain(part);
  });

  it('reads anything thrown, not only errors', () => {
    expect(errorViews('a string').join('\n')).toContain('a string');
  });
});

describe('expectNoSecret', () => {
  it('passes when no form of any secret shows', () => {
    expect(() => expectNoSecret(['nothing here', '[REDACTED]'], [SECRET, 'sk-key'])).not.toThrow();
  });

  it.each(echoForms(SECRET))('fails when the secret shows as %s', (form) => {
    expect(() => expectNoSecret(['fine', `before ${form} after`], ['sk-key', SECRET])).toThrow();
  });
});
