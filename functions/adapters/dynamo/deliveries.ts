import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryDetails, DeliveryStore } from '../../app/ports.ts';
import type { Language } from '../../core/language.ts';
import type { Delivery, DeliveryStatus } from '../../core/send.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';
import { allItems, type Item } from './pager.ts';
import { TABLE } from './table.ts';

// Delivery records feed the edition report; DynamoDB's TTL removes them after about 13 months.
const DELIVERY_RECORD_MS = 400 * 86_400_000;
const CLAIMABLE = 'attribute_not_exists(pk) OR #status = :retry OR (#status = :sending AND claimedAt < :stale)';
const EXISTS = 'attribute_exists(pk)';

/** One record per (edition, reader), spread over `shards` partitions per edition; guards exactly-once sending. */
export class DynamoDeliveries implements DeliveryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shards: number,
  ) {}

  /** Claims the delivery to one reader; false when it is sent, failed, skipped or being sent elsewhere. */
  async claim(
    edition: string,
    subscriberId: string,
    language: Language,
    now: number,
    staleBefore: number,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.delivery(edition, subscriberId, this.shards),
          UpdateExpression:
            'SET #status = :sending, claimedAt = :now, #language = :language, #ttl = if_not_exists(#ttl, :ttl) ADD attempts :one',
          ConditionExpression: CLAIMABLE,
          ExpressionAttributeNames: { '#status': 'status', '#language': 'language', '#ttl': TABLE.ttlAttribute },
          ExpressionAttributeValues: {
            ':ttl': Math.ceil((now + DELIVERY_RECORD_MS) / 1000),
            ':sending': 'sending',
            ':retry': 'retry',
            ':now': now,
            ':stale': staleBefore,
            ':language': language,
            ':one': 1,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Records the outcome of a claimed delivery. */
  async settle(
    edition: string,
    subscriberId: string,
    status: DeliveryStatus,
    details: DeliveryDetails = {},
  ): Promise<void> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':status': status };
    const sets = ['#status = :status'];
    for (const [k, v] of Object.entries(details)) {
      names[`#${k}`] = k;
      values[`:${k}`] = v;
      sets.push(`#${k} = :${k}`);
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.delivery(edition, subscriberId, this.shards),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** Marks a sent delivery bounced or complained (SES feedback), or counts a transient bounce. */
  async feedback(
    edition: string,
    subscriberId: string,
    feedback: 'bounced' | 'complained' | 'transient',
  ): Promise<void> {
    const transient = feedback === 'transient';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.delivery(edition, subscriberId, this.shards),
          UpdateExpression: transient ? 'ADD transientBounces :one' : 'SET #status = :status',
          ConditionExpression: EXISTS,
          ...(transient ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: transient ? { ':one': 1 } : { ':status': feedback },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Every delivery record of an edition (all shards, read in parallel). */
  async list(edition: string): Promise<Delivery[]> {
    const shards = Array.from({ length: this.shards }, (_, s) => s);
    const parts = await Promise.all(shards.map((s) => this.partition(keys.deliveryPartition(edition, s))));
    return parts.flat().map(toDelivery);
  }

  private partition(pk: string): Promise<Item[]> {
    return allItems((start) =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      ),
    );
  }
}

function toDelivery(item: Item): Delivery {
  return {
    subscriberId: item.sk as string,
    language: item.language as Language,
    status: item.status as DeliveryStatus,
    attempts: Number(item.attempts ?? 0),
    ...(item.transientBounces ? { transientBounces: Number(item.transientBounces) } : {}),
  };
}
