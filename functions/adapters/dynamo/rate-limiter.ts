import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../app/ports/rate-limiter.ts';
import { TooManyRequestsError } from '../../core/errors.ts';
import { updateIf } from './conditional-write.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

/**
 * A sliding-window request counter per client, kept in DynamoDB (Lambdas share no memory). One item per client holds
 * the counts of the current and the previous fixed window; the previous one is weighted by how much of it still lies
 * inside the sliding window, so a burst just before a window edge still counts just after it.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  /** Counts one request of `clientKey` at `now`; throws TooManyRequestsError past the limit. */
  async hit(scope: string, clientKey: string, now: number): Promise<void> {
    const windowMs = this.windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    const Key = keys.rate(scope, clientKey);
    // The hit carries its own attempt id: when the SDK retries a hit whose answer was lost, the retry meets the hit
    // itself and is refused, so the request is counted once; either way the counts come back.
    const hit = {
      // The window before the previous one no longer counts: drop it so the item stays small.
      set: ['#ttl = :ttl'],
      add: ['#current :one'],
      remove: ['#stale'],
      names: { '#current': `w${start}`, '#stale': `w${start - 2 * windowMs}`, '#ttl': TABLE.ttlAttribute },
      values: { ':one': 1, ':ttl': Math.ceil((start + 2 * windowMs) / 1000) },
    };
    const outcome = await updateIf(this.db, this.tableName, Key, hit);
    const counts = outcome.written ? outcome.item : outcome.current;
    const current = Number(counts?.[`w${start}`] ?? 0);
    const previous = Number(counts?.[`w${start - windowMs}`] ?? 0);
    const weight = 1 - (now - start) / windowMs;
    if (previous * weight + current > this.limit) {
      throw new TooManyRequestsError(Math.max(1, Math.ceil((start + windowMs - now) / 1000)));
    }
  }
}
