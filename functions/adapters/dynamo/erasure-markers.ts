import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ErasureMarkers } from '../../app/ports/erasure-markers.ts';
import { isConditionFailure } from './client.ts';
import { type ItemKey, KEY_PREFIX, keys } from './keys.ts';
import { TABLE } from './table.ts';

/**
 * Kept for 30 days: longer than a confirmation request waits on its queue (14 days) or a digest batch on its way;
 * after that nothing queued can name the reader, and the marker goes (TTL on AWS).
 */
export const ERASURE_MARKER_DAYS = 30;

/**
 * Erasure markers as `SUB#<id>` / `ERASED` items: `kind`, `erasedAt` and the TTL, nothing else (no address, no
 * language). The scan of subscriptions skips them (kind), and they carry no sending-index key.
 */
export class DynamoErasureMarkers implements ErasureMarkers {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async mark(subscriberId: string, at: number): Promise<void> {
    const ttl = Math.ceil(at / 1000) + ERASURE_MARKER_DAYS * 86_400;
    const Item = { ...keys.erasure(subscriberId), kind: 'erasure', erasedAt: at, [TABLE.ttlAttribute]: ttl };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item,
          // Keeps the latest erasure: an earlier one seen late (retried, another process's) changes nothing.
          ConditionExpression: 'attribute_not_exists(pk) OR erasedAt <= :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async erasedAt(subscriberId: string): Promise<number | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.erasure(subscriberId), ConsistentRead: true }),
    );
    return typeof out.Item?.erasedAt === 'number' ? out.Item.erasedAt : undefined;
  }

  /** One BatchGetItem per 100 ids (retrying what DynamoDB left unprocessed). */
  async among(subscriberIds: readonly string[]): Promise<ReadonlySet<string>> {
    const found = new Set<string>();
    const unique = [...new Set(subscriberIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: ItemKey[] | undefined = unique.slice(i, i + 100).map(keys.erasure);
      while (pending && pending.length > 0) {
        const out = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'pk' } },
          }),
        );
        for (const item of out.Responses?.[this.tableName] ?? [])
          found.add(String(item.pk).slice(KEY_PREFIX.subscriber.length));
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys as ItemKey[] | undefined;
      }
    }
    return found;
  }

  async clear(subscriberId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.erasure(subscriberId) }));
  }
}
