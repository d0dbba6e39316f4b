/** What every hook is told about the call it runs in. */
export interface HookInfo {
  /** The SDK function making the request, e.g. `getReviewSession`. */
  readonly operation: string;
}

/**
 * Callbacks at clear points of every request, in the SDK's own shape.
 *
 * The `Request` a hook sees never carries the `Authorization` header: it is added only when the
 * request is handed to `fetch`, so a hook that logs requests cannot leak the API key.
 */
export interface Hooks {
  /** Before the first attempt. May return a `Request` to send instead (e.g. with an extra header). */
  beforeRequest?(request: Request, info: HookInfo): void | Request | Promise<void | Request>;
  /** After each response arrives (before its body is read). May return a `Response` to use instead. */
  afterResponse?(request: Request, response: Response, info: HookInfo): void | Response | Promise<void | Response>;
  /** Before each retry, after the back-off wait. */
  beforeRetry?(state: { request: Request; error: unknown; retryCount: number }): void | Promise<void>;
}
