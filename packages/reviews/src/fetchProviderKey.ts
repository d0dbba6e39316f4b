import * as v from 'valibot';
import { ValidationError, type CallOptions, type Context } from '@symbiont/core';
import { call, describe } from '@symbiont/core/kernel';

const KeyDocument = /* @__PURE__ */ v.looseObject({ public_key_pem: /* @__PURE__ */ v.string() });

/**
 * Fetch a tool provider's public key (PEM) from its SchemaPin document: `GET <url>`, where `url`
 * is the full URL of the provider's `.well-known/schemapin.json`. Uses the context's `fetch`,
 * timeouts and retries, but never sends the context's API key, headers or hooks to that host.
 *
 * @example
 * ```ts
 * const publicKey = await fetchProviderKey(ctx, 'https://provider.example.com/.well-known/schemapin.json');
 * const valid = await verifySignedTool(await getSignedTool(ctx, 'review-123'), { publicKey });
 * ```
 * @param url Absolute http(s) URL of the `schemapin.json` document.
 * @param options Per-call options (signal, timeout, retries, headers for this host).
 */
export async function fetchProviderKey(ctx: Context, url: string, options?: CallOptions): Promise<string> {
  let href: string | undefined;
  try {
    const parsed = new URL(url);
    if (/^https?:$/.test(parsed.protocol) && !parsed.username && !parsed.password) href = parsed.href;
  } catch {
    // not a URL
  }
  if (typeof ctx?.baseUrl !== 'string') {
    throw new ValidationError('fetchProviderKey', [{ path: 'ctx', expected: 'a context from createContext()', message: `ctx: expected a context from createContext(), received ${describe(ctx)}` }]);
  }
  if (href === undefined) {
    throw new ValidationError('fetchProviderKey', [{ path: 'url', expected: 'an absolute http(s) URL without credentials', message: `url: expected an absolute http(s) URL without credentials, received ${describe(url)}` }]);
  }
  // A copy of the context without credentials: a spread does not copy the hidden Authorization
  // (a non-enumerable symbol property), and the headers and hooks are dropped. The URL is taken
  // whole (its braces escaped so they are not read as path placeholders) and always validated.
  const anonymous = { ...ctx, baseUrl: '', headers: {}, hooks: {}, validateResponses: true };
  const document = await call(anonymous, { name: 'fetchProviderKey', method: 'GET', path: href.replace(/[{}]/g, encodeURIComponent), output: KeyDocument }, options);
  return document.public_key_pem;
}
