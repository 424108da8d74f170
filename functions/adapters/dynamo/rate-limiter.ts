import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../app/subscribe.ts';
import { TooManyRequestsError } from '../../core/errors.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

/** A fixed-window request counter per client, kept in DynamoDB (Lambdas share no memory). */
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
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rate(scope, clientKey, windowStart),
        UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':ttl': Math.ceil((windowStart + 2 * windowMs) / 1000) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count = Number(out.Attributes?.count ?? 0);
    if (count > this.limit) throw new TooManyRequestsError(Math.ceil((windowStart + windowMs - now) / 1000));
  }
}
