import type { RateLimiter } from '../../../functions/app/ports/rate-limiter.ts';
import { TooManyRequestsError } from '../../../functions/core/errors.ts';

/** A sliding-window counter per (scope, client) in a Map, like DynamoRateLimiter: this window plus the weighted last. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  /** Counts one request; throws TooManyRequestsError past the limit. */
  async hit(scope: string, clientKey: string, now: number): Promise<void> {
    const windowMs = this.windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    const key = (windowStart: number) => `${scope}#${clientKey}#${windowStart}`;
    const current = (this.counts.get(key(start)) ?? 0) + 1;
    this.counts.set(key(start), current);
    const previous = this.counts.get(key(start - windowMs)) ?? 0;
    if (previous * (1 - (now - start) / windowMs) + current > this.limit)
      throw new TooManyRequestsError(Math.max(1, Math.ceil((start + windowMs - now) / 1000)));
  }
}
