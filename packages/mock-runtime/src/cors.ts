/** CORS headers so browsers can call the mock runtime from any origin. */
import type { IncomingMessage } from 'node:http';

/** Methods a preflight allows. */
export const CORS_ALLOW_METHODS = 'GET, POST, PUT, DELETE, HEAD, OPTIONS';
/** Request headers a preflight allows when the browser does not list its own. */
export const CORS_ALLOW_HEADERS = 'authorization, content-type, accept, idempotency-key, x-request-id';
/** Response headers scripts may read. */
export const CORS_EXPOSE_HEADERS = 'x-request-id, retry-after';

/** Headers sent on every response. */
export function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': CORS_EXPOSE_HEADERS,
  };
}

/** Extra headers of a preflight (`OPTIONS`) answer; reflects `Access-Control-Request-Headers` when present. */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-methods': CORS_ALLOW_METHODS,
    'access-control-allow-headers': requested !== undefined && requested.trim() !== '' ? requested : CORS_ALLOW_HEADERS,
    'access-control-max-age': '600',
    vary: 'Access-Control-Request-Headers',
  };
}
