import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SubscriberBatchReader } from '../../app/deliver.ts';
import type { SubscriberStore } from '../../app/ports.ts';
import type { RecipientIndex } from '../../app/recipients.ts';
import type { SubscriberDataStore } from '../../app/subscriber-data.ts';
import { ConcurrentUpdateError } from '../../core/errors.ts';
import { shardOf } from '../../core/identity.ts';
import type { Language } from '../../core/language.ts';
import type { Subscription } from '../../core/subscription.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

const NEW_ITEM = 'attribute_not_exists(pk)';
const SAME_VERSION = '#version = :expected';
const BATCH_GET_LIMIT = 100;

/** Stores subscriptions, one item per address, guarded by an optimistic version; indexes confirmed readers. */
export class DynamoSubscriberRepository
  implements SubscriberStore, RecipientIndex, SubscriberBatchReader, SubscriberDataStore
{
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Shards of the sparse sending index. */
    readonly shards: number,
  ) {}

  /** Reads one subscription (strongly consistent), or undefined. */
  async get(id: string): Promise<Subscription | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.subscriber(id), ConsistentRead: true }),
    );
    return out.Item ? fromItem(out.Item) : undefined;
  }

  /** Reads many subscriptions in one round trip per 100 (strongly consistent); absent ones are left out. */
  async getMany(ids: readonly string[]): Promise<Map<string, Subscription>> {
    const found = new Map<string, Subscription>();
    for (let i = 0; i < ids.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] | undefined = ids
        .slice(i, i + BATCH_GET_LIMIT)
        .map((id) => ({ ...keys.subscriber(id) }));
      for (let round = 0; pending && pending.length > 0; round++) {
        if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** round)));
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const sub = fromItem(item);
          found.set(sub.id, sub);
        }
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  /**
   * Writes `sub` if the stored version is still `sub.version` (0: not stored yet); returns the stored copy with
   * its new version. Throws ConcurrentUpdateError when another writer came first.
   */
  async save(sub: Subscription): Promise<Subscription> {
    const stored = { ...sub, version: sub.version + 1 };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.toItem(stored),
          ConditionExpression: sub.version === 0 ? NEW_ITEM : SAME_VERSION,
          ...(sub.version === 0 ? {} : { ExpressionAttributeNames: { '#version': 'version' } }),
          ...(sub.version === 0 ? {} : { ExpressionAttributeValues: { ':expected': sub.version } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentUpdateError({ subscriberId: sub.id }, error);
      throw error;
    }
    return stored;
  }

  /** One page of confirmed subscribers of a language in one shard of the sparse index, after `after`. */
  async pageConfirmed(
    language: Language,
    shard: number,
    after: string | undefined,
    limit: number,
  ): Promise<{ ids: string[]; last?: string }> {
    const idx = TABLE.sendingIndex;
    const partition = keys.sendingPartition(language, shard);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: idx.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': idx.partitionKey, '#sk': idx.sortKey },
        ExpressionAttributeValues: { ':pk': partition },
        ProjectionExpression: '#sk',
        Limit: limit,
        ...(after
          ? {
              ExclusiveStartKey: {
                ...keys.subscriber(after),
                [idx.partitionKey]: partition,
                [idx.sortKey]: after,
              },
            }
          : {}),
      }),
    );
    const ids = (out.Items ?? []).map((item) => item[idx.sortKey] as string);
    return out.LastEvaluatedKey ? { ids, last: ids[ids.length - 1] as string } : { ids };
  }

  /** Removes a subscription for good (erasure). */
  async delete(id: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.subscriber(id) }));
  }

  private toItem(sub: Subscription): Record<string, unknown> {
    const item: Record<string, unknown> = { ...keys.subscriber(sub.id), kind: 'subscriber', ...sub };
    // Only confirmed readers carry the sparse sending index's key.
    if (sub.status === 'confirmed') {
      item[TABLE.sendingIndex.partitionKey] = keys.sendingPartition(sub.language, shardOf(sub.id, this.shards));
      item[TABLE.sendingIndex.sortKey] = sub.id;
    }
    // DynamoDB's TTL deletes lapsed pending subscriptions on AWS; reads check expiresAt themselves.
    if (sub.status === 'pending' && sub.expiresAt !== undefined)
      item[TABLE.ttlAttribute] = Math.ceil(sub.expiresAt / 1000);
    return item;
  }
}

function fromItem(item: Record<string, unknown>): Subscription {
  const { pk: _pk, sk: _sk, kind: _kind, sendPk: _a, sendSk: _b, ttl: _ttl, ...rest } = item;
  return rest as unknown as Subscription;
}
