import { describe, expect, it } from 'vitest';
import { MIN_SECRET, REDACTED, redactor } from './redact.ts';

const SECRET = 'a"b\\c/ä😀 d\n';

/** Every way a server may write SECRET: escaped once, twice, in mixed forms, percent-encoded. */
const forms = [
  SECRET,
  JSON.stringify(SECRET).slice(1, -1),
  JSON.stringify(JSON.stringify(SECRET).slice(1, -1)).slice(1, -1),
  'a\\"b\\\\c\\/\\u00E4\\uD83D\\ude00 d\\u000a',
  'a\\u0022b\\u005Cc\\u002f\\u00e4\\ud83d\\uDE00\\u0020d\\n',
  encodeURIComponent(SECRET),
  encodeURIComponent(SECRET).toLowerCase(),
  encodeURIComponent(SECRET).replace('%20', '+'),
];

describe('redactor', () => {
  it.each(forms)('cuts the secret written as %j, leaving the text around it intact', (form) => {
    const redact = redactor([SECRET]);
    expect(redact(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it('cuts a secret inside a JSON body echoed as a JSON string', () => {
    const redact = redactor([SECRET]);
    const echoed = JSON.stringify({ error: `bad body: ${JSON.stringify({ secret_value: SECRET })}` });
    const out = redact(echoed);
    expect(out).not.toContain('ä');
    expect(JSON.parse(out).error).toBe(`bad body: {"secret_value":"${REDACTED}"}`);
  });

  it(`ignores secrets shorter than ${MIN_SECRET} characters and non-strings, and garbles nothing else`, () => {
    const redact = redactor(['k', 'abc', undefined, 42, null]);
    expect(redact('healthCheck abc k')).toBe('healthCheck abc k');
    expect(redactor(['sk-live-1'])('healthCheck sk-live-1x')).toBe(`healthCheck ${REDACTED}x`);
  });

  it('cuts the longest secret first when one contains another', () => {
    expect(redactor(['abcd', 'abcdefgh'])('abcdefgh abcd')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('treats regular-expression characters in a secret literally', () => {
    const redact = redactor(['a.b*c+(d)']);
    expect(redact('a.b*c+(d) aXbbc+(d)')).toBe(`${REDACTED} aXbbc+(d)`);
  });
});
