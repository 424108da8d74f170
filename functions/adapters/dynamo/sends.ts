import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { shardOf } from '../../core/identity.ts';
import type { Language } from '../../core/language.ts';
import type { RenderedEmail } from '../../core/rendered-email.ts';
import type { Delivery, DeliveryStatus, SendRecord } from '../../core/send.ts';
import type { Subscription } from '../../core/subscription.ts';
import { isConditionFailure } from './client.ts';
import { fromItem } from './subscribers.ts';
import { TABLE } from './table.ts';

// Delivery records feed the edition report; DynamoDB's TTL removes them after about 13 months.
const DELIVERY_RECORD_MS = 400 * 86_400_000;
const NEW_SEND = 'attribute_not_exists(pk)';
const LEASE_FREE = '#status = :dispatching AND leaseUntil < :now';
const OWNED = '#owner = :owner';
const CLAIMABLE = 'attribute_not_exists(pk) OR #status = :retry OR (#status = :sending AND claimedAt < :stale)';

/** Send records, rendered digests and per-recipient delivery records. */
export class DynamoSendStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    readonly shards: number,
  ) {}

  /** Creates the send record, or takes over one whose dispatcher died (lease expired); undefined when neither. */
  async claimSend(record: SendRecord, now: number): Promise<SendRecord | undefined> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `SEND#${record.edition}`, sk: 'SEND', ...record },
          ConditionExpression: NEW_SEND,
        }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SEND#${record.edition}`, sk: 'SEND' },
          UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease',
          ConditionExpression: LEASE_FREE,
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
          ExpressionAttributeValues: {
            ':owner': record.owner,
            ':lease': record.leaseUntil,
            ':dispatching': 'dispatching',
            ':now': now,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as SendRecord;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Reads an edition's send record. */
  async getSend(edition: string): Promise<SendRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `SEND#${edition}`, sk: 'SEND' }, ConsistentRead: true }),
    );
    return out.Item as SendRecord | undefined;
  }

  /**
   * Records progress after a batch was queued: the shard's position moves from `previous` to `value` and the
   * language's planned count grows. Conditional on both the owner and the previous position, so an SDK retry of a
   * write that already succeeded cannot count a batch twice. False when another dispatcher owns the send now.
   */
  async checkpoint(
    edition: string,
    owner: string,
    move: { position: string; previous: string | undefined; value: string },
    language: Language,
    added: number,
    leaseUntil: number,
  ): Promise<boolean> {
    const { position, previous, value } = move;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SEND#${edition}`, sk: 'SEND' },
          UpdateExpression: 'SET checkpoint.#pos = :value, leaseUntil = :lease ADD planned.#lang :n',
          ConditionExpression: `${OWNED} AND ${previous === undefined ? 'attribute_not_exists(checkpoint.#pos)' : 'checkpoint.#pos = :prev'}`,
          ExpressionAttributeNames: { '#owner': 'owner', '#pos': position, '#lang': language },
          ExpressionAttributeValues: {
            ':owner': owner,
            ':value': value,
            ':lease': leaseUntil,
            ':n': added,
            ...(previous === undefined ? {} : { ':prev': previous }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Either another dispatcher took over, or this very write had already succeeded before a retry.
      const now = await this.getSend(edition);
      return now?.owner === owner && now.checkpoint[position] === value;
    }
  }

  /** Marks the whole edition dispatched. */
  async finishSend(edition: string, owner: string, now: number): Promise<boolean> {
    return this.ownedUpdate(edition, owner, 'SET #status = :done, dispatchedAt = :now', {
      names: { '#status': 'status' },
      values: { ':done': 'dispatched', ':now': now },
    });
  }

  private async ownedUpdate(
    edition: string,
    owner: string,
    update: string,
    e: { names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SEND#${edition}`, sk: 'SEND' },
          UpdateExpression: update,
          ConditionExpression: OWNED,
          ExpressionAttributeNames: { '#owner': 'owner', ...e.names },
          ExpressionAttributeValues: { ':owner': owner, ...e.values },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Stores a language's rendered digest unless one is stored already; returns the stored one. */
  async putRender(edition: string, language: Language, rendered: RenderedEmail): Promise<RenderedEmail> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `SEND#${edition}`, sk: `RENDER#${language}`, ...rendered },
          ConditionExpression: NEW_SEND,
        }),
      );
      return rendered;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await this.getRender(edition, language)) ?? rendered;
    }
  }

  /** Reads a language's rendered digest. */
  async getRender(edition: string, language: Language): Promise<RenderedEmail | undefined> {
    const out = await this.db.send(
      // Strongly consistent: a deliverer may run milliseconds after dispatch stored the render.
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `SEND#${edition}`, sk: `RENDER#${language}` },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { subject, html, text } = out.Item as RenderedEmail;
    return { subject, html, text };
  }

  /** Reads many subscribers in one round trip per 100 (strongly consistent). */
  async getSubscribers(ids: readonly string[]): Promise<Map<string, Subscription>> {
    const found = new Map<string, Subscription>();
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = ids
        .slice(i, i + 100)
        .map((id) => ({ pk: `SUB#${id}`, sk: 'SUB' }));
      for (let round = 0; keys && keys.length > 0; round++) {
        if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** round)));
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const sub = fromItem(item);
          found.set(sub.id, sub);
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  private deliveryKey(edition: string, subscriberId: string) {
    return { pk: `DLV#${edition}#${shardOf(subscriberId, this.shards)}`, sk: subscriberId };
  }

  /** Claims the delivery to one subscriber; false when it is sent, failed, skipped or being sent elsewhere. */
  async claimDelivery(
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
          Key: this.deliveryKey(edition, subscriberId),
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
  async settleDelivery(
    edition: string,
    subscriberId: string,
    status: DeliveryStatus,
    extra: Record<string, string | number> = {},
  ): Promise<void> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':status': status };
    const sets = ['#status = :status'];
    for (const [k, v] of Object.entries(extra)) {
      names[`#${k}`] = k;
      values[`:${k}`] = v;
      sets.push(`#${k} = :${k}`);
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.deliveryKey(edition, subscriberId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** Marks a sent delivery bounced or complained (SES feedback), or counts a transient bounce. */
  async recordFeedback(
    edition: string,
    subscriberId: string,
    feedback: 'bounced' | 'complained' | 'transient',
  ): Promise<void> {
    const transient = feedback === 'transient';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.deliveryKey(edition, subscriberId),
          UpdateExpression: transient ? 'ADD transientBounces :one' : 'SET #status = :status',
          ConditionExpression: 'attribute_exists(pk)',
          ...(transient ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: transient ? { ':one': 1 } : { ':status': feedback },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Every delivery record of an edition (all shards, read in parallel). */
  async listDeliveries(edition: string): Promise<Delivery[]> {
    const shards = Array.from({ length: this.shards }, (_, s) => s);
    const parts = await Promise.all(shards.map((s) => this.queryAll(`DLV#${edition}#${s}`)));
    return parts.flat().map((item) => ({
      subscriberId: item.sk as string,
      language: item.language as Language,
      status: item.status as DeliveryStatus,
      attempts: Number(item.attempts ?? 0),
      ...(item.transientBounces ? { transientBounces: Number(item.transientBounces) } : {}),
    }));
  }

  private async queryAll(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
