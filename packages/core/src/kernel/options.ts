/** Per-call options: the last argument of every operation. Durations are milliseconds. */
export interface CallOptions {
  /** Abort the call (the request and any back-off wait); it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call, overriding the context's. */
  timeout?: number | undefined;
  /** Deadline across all attempts and back-off for this call. */
  totalTimeout?: number | undefined;
  /** Retries after the first attempt for this call. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /**
   * `true` lets a POST be retried (the caller knows it is safe to repeat); `false` turns retries
   * off for this call. By default only GET, PUT, DELETE and HEAD are retried.
   */
  retry?: boolean | undefined;
  /** Sent as `Idempotency-Key`, identical on every retry; makes a POST retryable. */
  idempotencyKey?: string | undefined;
}
