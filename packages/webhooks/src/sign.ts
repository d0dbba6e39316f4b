/**
 * HMAC-SHA256 signing with WebCrypto (`crypto.subtle`: Node ≥ 22, Deno, Bun, Workers, browsers),
 * and the forms a signing secret can take in an echoed text, for redaction.
 */

const hex = (bytes: ArrayBuffer): string => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * The `X-Hub-Signature-256` value for `body` (the exact text sent, UTF-8): `sha256=<hex>` of
 * HMAC-SHA256 keyed with the UTF-8 bytes of `secret`, as GitHub signs its webhooks.
 * @internal
 */
export async function hubSignature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `sha256=${hex(await crypto.subtle.sign('HMAC', key, encoder.encode(body)))}`;
}

/** Every non-ASCII character as `\uXXXX` (hex digits in the given case), then `/` as `slash`. */
const escaped = (json: string, mode: 'none' | 'lower' | 'upper', slash: string): string =>
  (mode == 'none' ? json : json.replace(/[^\x20-\x7e]/g, (char) => {
    const code = char.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${mode == 'upper' ? code.toUpperCase() : code}`;
  })).replaceAll('/', slash);

/**
 * The forms a secret takes in a text that echoes it: as given, JSON-escaped (the standard escapes;
 * `/` as is, `\/` or `\u002f`; every non-ASCII character as is or as `\uXXXX` in either hex case,
 * astral characters as surrogate pairs; control characters' `\u00XX` in either case) and
 * percent-encoded (either hex case). The kernel cuts each of them out of errors and log lines.
 * @internal
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret]);
  const json = JSON.stringify(secret).slice(1, -1);
  for (const base of [json, json.replace(/\\u00([0-9a-f]{2})/g, (_, code: string) => `\\u00${code.toUpperCase()}`)]) {
    for (const mode of ['none', 'lower', 'upper'] as const) {
      for (const slash of ['/', '\\/', '\\u002f', '\\u002F']) forms.add(escaped(base, mode, slash));
    }
  }
  try {
    const percent = encodeURIComponent(secret);
    forms.add(percent).add(percent.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()));
  } catch {
    // a lone surrogate cannot be percent-encoded: no such form
  }
  return [...forms];
}
