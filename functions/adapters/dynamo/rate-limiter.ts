import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../app/subscribe.ts';
import { TooManyRequestsError } from '../../core/errors.ts';
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
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rate(scope, clientKey),
        // The window before the previous one no longer counts: drop it so the item stays small.
        UpdateExpression: 'ADD #current :one SET #ttl = :ttl REMOVE #stale',
        ExpressionAttributeNames: {
          '#current': `w${start}`,
          '#stale': `w${start - 2 * windowMs}`,
          '#ttl': TABLE.ttlAttribute,
        },
        ExpressionAttributeValues: { ':one': 1, ':ttl': Math.ceil((start + 2 * windowMs) / 1000) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const current = Number(out.Attributes?.[`w${start}`] ?? 0);
    const previous = Number(out.Attributes?.[`w${start - windowMs}`] ?? 0);
    const weight = 1 - (now - start) / windowMs;
    if (previous * weight + current > this.limit) {
      throw new TooManyRequestsError(Math.max(1, Math.ceil((start + windowMs - now) / 1000)));
    }
  }
}
