import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  READER_WEEKS_KEPT,
  type ReaderWeekEvent,
  type ReaderWeeks,
  type WeekCounts,
} from '../../app/ports/reader-weeks.ts';
import { shardOf } from '../../core/identity.ts';
import { isConditionFailure } from './client.ts';
import { type ItemKey, keys } from './keys.ts';
import { TABLE } from './table.ts';

/** Items per week the sets are spread over (by subscriber id), so no single item takes every confirmation. */
export const READER_WEEK_SHARDS = 8;
// The sets hold subscriber ids and serve the week's report and the desk's last 12 weeks: 13 weeks, then expired.
export const READER_WEEK_DAYS = READER_WEEKS_KEPT * 7;
const LIFETIME_S = READER_WEEK_DAYS * 86_400;

/**
 * A week's confirmed and unsubscribed readers as DynamoDB string sets, `WEEK#<week>#<shard>` / `SETS`, attributes
 * `confirmed` and `unsubscribed`. ADD of a set member is idempotent, so a confirmation seen twice or a write whose
 * answer was lost and retried counts once; the counts are the sets' sizes.
 */
export class DynamoReaderWeeks implements ReaderWeeks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One update: ADD the reader to the week's set of `event`. */
  async mark(week: string, subscriberId: string, event: ReaderWeekEvent, now: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.readerWeek(week, shardOf(subscriberId, READER_WEEK_SHARDS)),
        UpdateExpression: 'SET #ttl = if_not_exists(#ttl, :ttl) ADD #event :id',
        ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute, '#event': event },
        ExpressionAttributeValues: { ':id': new Set([subscriberId]), ':ttl': Math.ceil(now / 1000) + LIFETIME_S },
      }),
    );
  }

  /**
   * One conditional update per week, all at once: DELETE the reader from both sets (a no-op when absent; the
   * condition keeps an unmarked week from being created), so erasure costs the same whether the sets held them.
   */
  async forget(subscriberId: string, weeks: readonly string[]): Promise<void> {
    const shard = shardOf(subscriberId, READER_WEEK_SHARDS);
    await Promise.all(
      [...new Set(weeks)].map(async (week) => {
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keys.readerWeek(week, shard),
              UpdateExpression: 'DELETE confirmed :id, unsubscribed :id',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':id': new Set([subscriberId]) },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );
  }

  /** Reads the week's shards in one BatchGetItem (retrying what DynamoDB left unprocessed). */
  async counts(week: string): Promise<WeekCounts> {
    return (await this.countsOf([week]))[0] as WeekCounts;
  }

  /** Reads every shard of the weeks, 100 keys a BatchGetItem (12 weeks: one), retrying what was left unprocessed. */
  async countsOf(weeks: readonly string[]): Promise<WeekCounts[]> {
    const totals = new Map(weeks.map((w) => [w, { confirmed: 0, unsubscribed: 0 }]));
    const all = [...totals.keys()].flatMap((w) =>
      Array.from({ length: READER_WEEK_SHARDS }, (_, s) => keys.readerWeek(w, s)),
    );
    for (let i = 0; i < all.length; i += 100) {
      let pending: ItemKey[] | undefined = all.slice(i, i + 100);
      while (pending && pending.length > 0) {
        const got = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of got.Responses?.[this.tableName] ?? []) {
          const week = totals.get(String(item.pk).split('#')[1] ?? '');
          if (!week) continue;
          week.confirmed += (item.confirmed as Set<string> | undefined)?.size ?? 0;
          week.unsubscribed += (item.unsubscribed as Set<string> | undefined)?.size ?? 0;
        }
        pending = got.UnprocessedKeys?.[this.tableName]?.Keys as ItemKey[] | undefined;
      }
    }
    return weeks.map((w) => ({ ...(totals.get(w) as WeekCounts) }));
  }
}
