/**
 * Redirects, under the contract's rule for every transport: a redirect to another origin is never
 * followed (the 3xx is answered as it is, its `location` cut to the target's origin, so no body,
 * header or credential reaches the other host); same-origin redirects are followed, at most
 * {@link MAX_REDIRECTS}. `fetch` is called with `redirect: 'manual'`, so this holds for the global
 * fetch and any custom transport alike. In a browser a redirect is an opaque response whose target
 * cannot be read: it is returned as it is and fails the call.
 */

/** Most same-origin redirects followed in one attempt. */
export const MAX_REDIRECTS = 5;

/**
 * Send `request` with `headers` (which replace the request's own: the credentials travel there)
 * and `signal`, and follow same-origin redirects. Resolves to the final response, or to the 3xx not followed.
 */
export async function fetchFollowing(fetcher: typeof fetch, request: Request, headers: Headers, signal?: AbortSignal): Promise<Response> {
  const { origin } = new URL(request.url);
  // Kept for a 307/308 that asks for the same body again.
  const copy = request.body ? request.clone() : undefined;
  let { method } = request;
  let response = await fetcher(request, { headers, redirect: 'manual', signal });
  for (let hops = 0; /^30[12378]$/.test(`${response.status}`); hops++) {
    const location = response.headers.get('location');
    if (location === null) break;
    void response.body?.cancel().catch(() => undefined);
    let target: URL | undefined;
    try {
      target = new URL(location, request.url);
    } catch {
      // an unreadable target is not followed
    }
    if (target?.origin !== origin || hops == MAX_REDIRECTS) {
      const cut = new Headers(response.headers);
      cut.set('location', target?.origin ?? '(invalid URL)');
      return new Response(null, { status: response.status, statusText: response.statusText, headers: cut });
    }
    const { status } = response;
    // As fetch does: a 303, or a 301/302 after a POST, continues as a GET without a body.
    const keep = status > 306 || method == 'HEAD' || (status != 303 && method != 'POST');
    if (!keep) {
      method = 'GET';
      headers.delete('content-type');
    }
    const body = keep && copy ? await copy.clone().arrayBuffer() : undefined;
    response = await fetcher(new Request(target, { method, headers, body }), { headers, redirect: 'manual', signal });
  }
  return response;
}
