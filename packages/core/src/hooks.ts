/** What every hook is told about the call it runs in. */
export interface HookInfo {
  /** The SDK function making the request, e.g. `getReviewSession`. */
  readonly operation: string;
}

/**
 * Callbacks at clear points of every request, in the SDK's own shape.
 *
 * The `Request` a hook sees never carries a credential header (`Authorization`, however it was
 * set, `Proxy-Authorization`, `Cookie`, `X-Api-Key`): they are added only when the request is
 * handed to `fetch`, so a hook that logs requests cannot leak them. Nor does it carry a credential
 * of the request body (`secret_value`, `agentpin_jwt`, a channel's `config` strings…): hooks get a
 * copy whose URL and body have them replaced with `[REDACTED]`, while the real body is sent (unless
 * `beforeRequest` returns a `Request` of its own: that one is sent). The `Response` given to
 * `afterResponse` is a copy with every known credential cut from its headers and body; the call
 * itself still reads the original.
 */
export interface Hooks {
  /** Before the first attempt. May return a `Request` to send instead (e.g. with an extra header). */
  beforeRequest?(request: Request, info: HookInfo): void | Request | Promise<void | Request>;
  /** After each attempt's response (its body already read, within the size cap). May return a `Response` to use instead. */
  afterResponse?(request: Request, response: Response, info: HookInfo): void | Response | Promise<void | Response>;
  /** Before each retry, after the back-off wait. */
  beforeRetry?(state: { request: Request; error: unknown; retryCount: number }): void | Promise<void>;
}
