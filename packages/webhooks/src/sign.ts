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

/**
 * The forms a secret takes in a text that echoes it: as given; JSON-escaped (the standard escapes,
 * then also with `/` as `\/`, and with every non-ASCII character as `\uXXXX` in either hex case,
 * astral characters as surrogate pairs); and percent-encoded. The kernel cuts each of them out of
 * errors, log lines and hook arguments.
 * @internal
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const ascii = (hex: (code: string) => string): string => json.replace(/[^ -~]/g, (char) => `\\u${hex(char.charCodeAt(0).toString(16).padStart(4, '0'))}`);
  const forms = [secret, json, ascii((code) => code), ascii((code) => code.toUpperCase())];
  try {
    forms.push(encodeURIComponent(secret));
  } catch {
    // a lone surrogate has no percent-encoded form
  }
  return [...new Set([...forms, ...forms.map((form) => form.replaceAll('/', '\\/'))])];
}
