/**
 * CORS as the runtime's (`tower_http::cors::CorsLayer` in `server.rs`): methods GET, POST, PUT,
 * DELETE and request headers `authorization` and `content-type` only, whatever a preflight asks for,
 * no exposed headers and no credentials. The runtime allows the origins of `SYMBIONT_CORS_ORIGINS`;
 * the mock allows any origin by echoing it.
 */
import type { IncomingMessage } from 'node:http';

/** Methods a preflight allows. */
export const CORS_ALLOW_METHODS = 'GET,POST,PUT,DELETE';
/** The only request headers a preflight allows (so `Idempotency-Key` or a custom header fails it). */
export const CORS_ALLOW_HEADERS = 'authorization,content-type';

/** Whether `req` is a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`), answered before auth. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** Headers of every answer that passed the rate limit: the request's origin echoed, when it sent one. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    ...(origin === undefined ? {} : { 'access-control-allow-origin': origin }),
    vary: 'origin, access-control-request-method, access-control-request-headers',
  };
}

/** Extra headers of a preflight answer (200, empty body). */
export function preflightHeaders(): Record<string, string> {
  return { 'access-control-allow-methods': CORS_ALLOW_METHODS, 'access-control-allow-headers': CORS_ALLOW_HEADERS };
}
