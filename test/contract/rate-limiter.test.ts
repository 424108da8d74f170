import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../functions/adapters/dynamo/rate-limiter.ts';
import type { RateLimiter } from '../../functions/app/ports/rate-limiter.ts';
import { TooManyRequestsError } from '../../functions/core/errors.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryRateLimiter } from '../support/memory/rate-limiter.ts';

// The start of a 600-second window.
const W = 1_764_000_000_000 - (1_764_000_000_000 % 600_000);

/** The rate limiter's contract: `limit` requests per client in a sliding window, then TooManyRequestsError with a wait. */
export function describeRateLimiter(
  name: string,
  make: (limit: number, windowSeconds: number) => Promise<RateLimiter>,
) {
  describe(`rate limiter: ${name}`, () => {
    let limiter: RateLimiter;
    beforeEach(async () => {
      limiter = await make(3, 600);
    });

    it('lets `limit` requests through and refuses the next with the seconds left in the window', async () => {
      for (let i = 0; i < 3; i++) await limiter.hit('subscribe', 'client-a', W + i);
      const refused = await limiter.hit('subscribe', 'client-a', W + 100_000).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      expect((refused as TooManyRequestsError).retryAfterSeconds).toBe(500);
    });

    it('counts each client and scope apart', async () => {
      for (let i = 0; i < 3; i++) await limiter.hit('subscribe', 'client-a', W);
      await expect(limiter.hit('subscribe', 'client-b', W)).resolves.toBeUndefined();
      await expect(limiter.hit('other', 'client-a', W)).resolves.toBeUndefined();
    });

    it('still counts a burst just before a window edge just after it, and forgets it once it slid out', async () => {
      for (let i = 0; i < 3; i++) await limiter.hit('subscribe', 'edge', W + 599_000);
      await expect(limiter.hit('subscribe', 'edge', W + 601_000)).rejects.toBeInstanceOf(TooManyRequestsError);
      await expect(limiter.hit('subscribe', 'edge', W + 1_300_000)).resolves.toBeUndefined();
    });
  });
}

const dynamo = useDynamo();
describeRateLimiter('DynamoDB adapter on dynalite', async (limit, windowSeconds) => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoRateLimiter(db, tableName, limit, windowSeconds);
});
describeRateLimiter('in memory', async (limit, windowSeconds) => new MemoryRateLimiter(limit, windowSeconds));
