import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RecipientIndex } from '../../app/ports/recipient-index.ts';
import type { SubscriberDataStore } from '../../app/ports/subscriber-data-store.ts';
import type { SubscriberStore } from '../../app/ports/subscriber-store.ts';
import { ConcurrentUpdateError } from '../../core/errors.ts';
import { shardOf } from '../../core/identity.ts';
import type { Language } from '../../core/language.ts';
import type { Subscription } from '../../core/subscription.ts';
import { putIf, sameVersion } from './conditional-write.ts';
import { keys } from './keys.ts';
import { TABLE } from './table.ts';

/** Stores subscriptions, one item per address, guarded by an optimistic version; indexes confirmed readers. */
export class DynamoSubscriberStore implements SubscriberStore, RecipientIndex, SubscriberDataStore {
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

  /**
   * Writes `sub` if the stored version is still `sub.version` (0: not stored yet); returns the stored copy with
   * its new version. Throws ConcurrentUpdateError when another writer came first. Each write carries its own attempt
   * id: when the SDK retries a write whose answer was lost, the retry's condition fails on the write itself, and a
   * consistent re-read that finds this attempt's id tells it succeeded.
   */
  async save(sub: Subscription): Promise<Subscription> {
    const stored = { ...sub, version: sub.version + 1 };
    const outcome = await putIf(this.db, this.tableName, this.toItem(stored), sameVersion(sub.version));
    if (!outcome.written) throw new ConcurrentUpdateError({ subscriberId: sub.id });
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
  const { pk: _pk, sk: _sk, kind: _kind, sendPk: _a, sendSk: _b, ttl: _ttl, writeId: _w, email, ...rest } = item;
  // A record from before sealing holds `email` in clear until the migration seals it (see AesGcmAddressCipher.open).
  return (rest.address === undefined ? { ...rest, address: email } : rest) as unknown as Subscription;
}
