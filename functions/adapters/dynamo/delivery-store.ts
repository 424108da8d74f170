import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Claim, DeliveryDetails, DeliveryStore } from '../../app/ports/delivery-store.ts';
import type { ReaderDeliveries, ReaderDelivery } from '../../app/ports/reader-deliveries.ts';
import type { Language } from '../../core/language.ts';
import { type Delivery, type DeliveryStatus, erasedId } from '../../core/send.ts';
import { deleteKeys, writeAll } from './batch.ts';
import { isConditionFailure } from './client.ts';
import { anyOf, type Condition, EXISTS, IS_NEW, updateIf, WRITE_ID } from './conditional-write.ts';
import { DELIVERY_RECORD_MS, erasedItem, readerItems, toDelivery, toReaderDelivery } from './delivery-items.ts';
import { type ItemKey, keys } from './keys.ts';
import { type Item, partitionItems } from './pager.ts';
import { TABLE } from './table.ts';

/** Claimable besides a new record: one to retry, or one whose claim went stale (its consumer died). */
const reclaimable = (staleBefore: number): Condition => ({
  expression: '#status = :retry OR (#status = :sending AND claimedAt < :stale)',
  names: { '#status': 'status' },
  values: { ':retry': 'retry', ':sending': 'sending', ':stale': staleBefore },
});

/** One record per (edition, reader), spread over `shards` partitions per edition; guards exactly-once sending. */
export class DynamoDeliveryStore implements DeliveryStore, ReaderDeliveries {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shards: number,
  ) {}

  /**
   * Claims the delivery to one reader. Each claim carries its own id, so a claim whose answer was lost (the SDK's
   * retry then fails its condition) is recognised on a consistent re-read; otherwise the record is held by a live
   * claim elsewhere, or settled.
   */
  async claim(
    edition: string,
    subscriberId: string,
    language: Language,
    now: number,
    staleBefore: number,
  ): Promise<Claim> {
    const claim = {
      set: ['#status = :sending', 'claimedAt = :now', '#language = :language', '#ttl = if_not_exists(#ttl, :ttl)'],
      add: ['attempts :one'],
      names: { '#status': 'status', '#language': 'language', '#ttl': TABLE.ttlAttribute },
      values: {
        ':ttl': Math.ceil((now + DELIVERY_RECORD_MS) / 1000),
        ':sending': 'sending',
        ':now': now,
        ':language': language,
        ':one': 1,
      },
    };
    const key = this.key(edition, subscriberId);
    const outcome = await updateIf(this.db, this.tableName, key, claim, anyOf(IS_NEW, reclaimable(staleBefore)));
    if (outcome.written) return 'claimed';
    return outcome.current?.status === 'sending' ? 'held' : 'settled';
  }

  /** Records the outcome of a claimed delivery; nothing when the record is gone (the reader was erased). */
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
    await this.ignoringCondition(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(edition, subscriberId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: EXISTS.expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /**
   * Replaces a live claim whose reader was erased meanwhile by a skipped record under an id no reader has (the
   * report still adds up; nothing points at the reader). Put first, then delete: a crash between counts it twice,
   * never zero times, and a retry writes the same anonymous record again.
   */
  async discard(edition: string, subscriberId: string): Promise<void> {
    const Key = this.key(edition, subscriberId);
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
    if (out.Item?.status !== 'sending') return;
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: this.erased(edition, out.Item) }));
    await this.ignoringCondition(
      new DeleteCommand({
        TableName: this.tableName,
        Key,
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    );
  }

  /**
   * Marks a sent delivery bounced or complained, or counts a transient bounce once (retries carry the same id);
   * gives the record's language, undefined when there is no record.
   */
  async feedback(
    edition: string,
    subscriberId: string,
    feedback: 'bounced' | 'complained' | 'transient',
  ): Promise<Language | undefined> {
    const change =
      feedback === 'transient'
        ? { add: ['transientBounces :one'], values: { ':one': 1 } }
        : { set: ['#status = :status'], names: { '#status': 'status' }, values: { ':status': feedback } };
    const outcome = await updateIf(this.db, this.tableName, this.key(edition, subscriberId), change, EXISTS);
    return outcome.written ? (outcome.item.language as Language) : undefined;
  }

  /** Every delivery record of an edition (all shards, read in parallel). */
  async list(edition: string): Promise<Delivery[]> {
    const shards = Array.from({ length: this.shards }, (_, s) => s);
    const parts = await Promise.all(
      shards.map((s) => partitionItems(this.db, this.tableName, keys.deliveryPartition(edition, s))),
    );
    return parts.flat().map(toDelivery);
  }

  /** A reader's records of every edition whose records can still exist at `now` (the record lifetime, a margin). */
  async ofReader(subscriberId: string, now: number): Promise<ReaderDelivery[]> {
    return (await readerItems(this.db, this.tableName, (e) => this.key(e, subscriberId), now)).map(toReaderDelivery);
  }

  /**
   * Deletes a reader's records of every edition whose records can still exist at `now`, each replaced first by an
   * anonymous record of its outcome (erasedOutcome), so an edition still sending can complete and its report adds up.
   */
  async eraseReader(subscriberId: string, now: number): Promise<void> {
    const items = await readerItems(this.db, this.tableName, (e) => this.key(e, subscriberId), now);
    const edition = (item: Item) => (item.pk as string).split('#')[1] as string;
    await writeAll(
      this.db,
      this.tableName,
      items.map((item) => ({ PutRequest: { Item: this.erased(edition(item), item) } })),
    );
    await deleteKeys(
      this.db,
      this.tableName,
      items.map((item) => ({ pk: item.pk as string, sk: item.sk as string })),
    );
  }

  private erased(edition: string, item: Item): Item {
    return erasedItem(this.key(edition, erasedId(String(item[WRITE_ID] ?? item.claimId ?? randomUUID()))), item);
  }

  private key(edition: string, subscriberId: string): ItemKey {
    return keys.delivery(edition, subscriberId, this.shards);
  }

  private async ignoringCondition(command: UpdateCommand | DeleteCommand): Promise<void> {
    try {
      await this.db.send(command as UpdateCommand);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
