/**
 * The runtime's per-IP rate limit (`rate_limit_middleware`, a `governor` quota of N per minute):
 * a token bucket per client IP holding at most N tokens, refilled continuously at N a minute.
 */

/** A per-IP limiter: `take(ip)` spends a token, false when the bucket is empty. */
export interface RateLimiter {
  take(ip: string): boolean;
}

/** Creates a limiter allowing `perMinute` requests a minute per IP (bursts up to `perMinute`). */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError(`rateLimitPerMinute must be a positive integer, got ${perMinute}`);
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(ip) {
      const time = now();
      const bucket = buckets.get(ip) ?? { tokens: perMinute, at: time };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.set(ip, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
