import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError } from '../../core/errors.ts';
import { shardOf } from '../../core/identity.ts';
import type { Language } from '../../core/language.ts';
import type { Subscription } from '../../core/subscription.ts';
import { isConditionFailure } from './client.ts';
import { KEY_PREFIX, TABLE } from './table.ts';

const NEW_ITEM = 'attribute_not_exists(pk)';
const SAME_VERSION = '#version = :expected';

/** Stores subscriptions, one item per address, guarded by an optimistic version. */
export class DynamoSubscriberRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shards: number,
  ) {}

  /** The item key of a subscriber. */
  static key(id: string): { pk: string; sk: string } {
    return { pk: `${KEY_PREFIX.subscriber}${id}`, sk: 'SUB' };
  }

  /** Reads one subscription (strongly consistent), or undefined. */
  async get(id: string): Promise<Subscription | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: DynamoSubscriberRepository.key(id), ConsistentRead: true }),
    );
    return out.Item ? fromItem(out.Item) : undefined;
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
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: idx.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': idx.partitionKey, '#sk': idx.sortKey },
        ExpressionAttributeValues: { ':pk': `${language}#${shard}` },
        ProjectionExpression: '#sk',
        Limit: limit,
        ...(after
          ? {
              ExclusiveStartKey: {
                pk: `SUB#${after}`,
                sk: 'SUB',
                [idx.partitionKey]: `${language}#${shard}`,
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
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: DynamoSubscriberRepository.key(id) }));
  }

  private toItem(sub: Subscription): Record<string, unknown> {
    const item: Record<string, unknown> = { ...DynamoSubscriberRepository.key(sub.id), kind: 'subscriber', ...sub };
    // Only confirmed readers carry the sparse sending index's key.
    if (sub.status === 'confirmed') {
      item[TABLE.sendingIndex.partitionKey] = `${sub.language}#${shardOf(sub.id, this.shards)}`;
      item[TABLE.sendingIndex.sortKey] = sub.id;
    }
    // DynamoDB's TTL deletes lapsed pending subscriptions on AWS; reads check expiresAt themselves.
    if (sub.status === 'pending' && sub.expiresAt !== undefined)
      item[TABLE.ttlAttribute] = Math.ceil(sub.expiresAt / 1000);
    return item;
  }
}

/** Converts a stored item back to the domain value. */
export function fromItem(item: Record<string, unknown>): Subscription {
  const { pk: _pk, sk: _sk, kind: _kind, sendPk: _a, sendSk: _b, ttl: _ttl, ...rest } = item;
  return rest as unknown as Subscription;
}
