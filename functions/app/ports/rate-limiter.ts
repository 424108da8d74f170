/** Counts requests per client; throws TooManyRequestsError past the limit. */

export interface RateLimiter {
  hit(scope: string, clientKey: string, now: number): Promise<void>;
}
