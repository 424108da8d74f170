import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RecipientIndex } from '../../app/ports/recipient-index.ts';
import type { SubscriberDataStore } from '../../app/ports/subscriber-data-store.ts';
import type { SubscriberStore } from '../../app/ports/subscriber-store.ts';
import { ConcurrentUpdateError } from '../../core/errors.ts';
import { shardOf } from '../../core/identity.ts';
import type { Language } from '../../core/language.ts';
import { cellDeltas, countCell } from '../../core/reader-counts.ts';
import { type Consent, minimalConsent, type Subscription } from '../../core/subscription.ts';
import { putIf, sameVersion } from './conditional-write.ts';
import { CLAIM_PREFIX, ReaderClaims } from './delivery-claims.ts';
import { keys } from './keys.ts';
import { DynamoReaderCounts } from './reader-counts.ts';
import { TABLE } from './table.ts';

/** The attribute holding the version at which a subscription entered the counters (absent: not counted yet). */
export const COUNTED = 'counted';

/** What a save needs of the stored version it replaces: the counter cell it is counted in, if counted. */
interface Stored {
  readonly version: number;
  readonly createdAt: number;
  readonly cell: string;
  readonly counted?: number;
  /** The delivery claims on the item (ReaderClaims): a save carries them on. */
  readonly claims: Record<string, unknown>;
}

/**
 * Stores subscriptions, one item per address, guarded by an optimistic version; indexes confirmed readers; moves
 * the readers' counters (DynamoReaderCounts) with every state change it writes.
 */
export class DynamoSubscriberStore implements SubscriberStore, RecipientIndex, SubscriberDataStore {
  private readonly counts: DynamoReaderCounts;
  /** The stored versions this instance read last (a save replaces one of them: no second read). */
  private readonly seen = new Map<string, Stored>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Shards of the sparse sending index. */
    readonly shards: number,
    /** Shards of the delivery records (the same setting, SHARDS, in every wiring). */
    private readonly deliveryShards = shards,
  ) {
    this.counts = new DynamoReaderCounts(db, tableName);
  }

  /** Reads one subscription (strongly consistent), or undefined. */
  async get(id: string): Promise<Subscription | undefined> {
    const item = await this.getItem(id);
    return item ? fromItem(item) : undefined;
  }

  /** A subscription item read elsewhere (DynamoImportReads' batch): parsed and remembered as read, so its save reads nothing. */
  adopt(item: Record<string, unknown>): Subscription {
    this.remember(item);
    return fromItem(item);
  }

  /**
   * Writes `sub` if the stored version is still `sub.version` (0: not stored yet); returns the stored copy with
   * its new version. Throws ConcurrentUpdateError when another writer came first. Each write carries its own attempt
   * id: when the SDK retries a write whose answer was lost, the retry's condition fails on the write itself, and a
   * consistent re-read that finds this attempt's id tells it succeeded.
   */
  async save(sub: Subscription): Promise<Subscription> {
    const previous = sub.version === 0 ? undefined : await this.previous(sub);
    const stored = { ...sub, version: sub.version + 1 };
    // A new subscription is counted from its first version; a stored one stays as counted as it was.
    const counted = previous ? previous.counted : stored.version;
    const item = {
      ...this.toItem(stored),
      ...(counted === undefined ? {} : { [COUNTED]: counted }),
      ...(previous?.claims ?? {}),
    };
    const outcome = await putIf(this.db, this.tableName, item, sameVersion(sub.version));
    if (!outcome.written) throw new ConcurrentUpdateError({ subscriberId: sub.id });
    this.remember(item);
    // The counters move after the write that decided it, once per version (a crash between leaves them one short:
    // see docs/architecture.md, "Reader counts").
    if (counted !== undefined)
      await this.counts.move(sub.id, transitionId(stored), cellDeltas(previous?.cell, countCell(stored)));
    return stored;
  }

  /** The stored version `sub` was read from: from this instance's last read, else read again. */
  private async previous(sub: Subscription): Promise<Stored | undefined> {
    const known = this.seen.get(sub.id);
    if (known && known.version === sub.version && known.createdAt === sub.createdAt) return known;
    await this.getItem(sub.id);
    const stored = this.seen.get(sub.id);
    if (stored?.version !== sub.version || stored.createdAt !== sub.createdAt)
      throw new ConcurrentUpdateError({ subscriberId: sub.id });
    return stored;
  }

  private async getItem(id: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.subscriber(id), ConsistentRead: true }),
    );
    if (out.Item) this.remember(out.Item);
    else this.seen.delete(id);
    return out.Item;
  }

  private remember(item: Record<string, unknown>): void {
    const sub = fromItem(item);
    this.seen.delete(sub.id);
    if (this.seen.size >= 10_000) this.seen.delete(this.seen.keys().next().value as string);
    const counted = item[COUNTED] as number | undefined;
    const claims = Object.fromEntries(Object.entries(item).filter(([k]) => k.startsWith(CLAIM_PREFIX)));
    this.seen.set(sub.id, { version: sub.version, createdAt: sub.createdAt, cell: countCell(sub), counted, claims });
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

  /**
   * Removes a subscription for good (erasure) and takes it out of the counters: the move's transition id names the
   * version erased, so an erasure tried twice, or by two callers at once, counts once. Tells whether one was held; an
   * id with none still costs the read and a delete, so the answer's timing says little about it.
   */
  async delete(id: string): Promise<boolean> {
    const read = await this.getItem(id);
    const deleted = await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.subscriber(id), ReturnValues: 'ALL_OLD' }),
    );
    // The SDK's retry of a delete whose answer was lost finds nothing: the item as read just before stands in.
    const item = deleted.Attributes ?? read;
    // A batch that claimed the reader before the delete records its outcome anonymously, never under the id.
    await new ReaderClaims(this.db, this.tableName, this.deliveryShards, subscriptionOf).fence(id, item);
    if (!item) return false;
    this.seen.delete(id);
    const sub = fromItem(item);
    if (item[COUNTED] !== undefined)
      await this.counts.move(id, `${transitionId(sub)}@erased`, { [countCell(sub)]: -1 });
    return true;
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

/** A subscription as a stored item holds it (without keys, counters' marks or delivery claims). */
export function subscriptionOf(item: Record<string, unknown>): Subscription {
  return fromItem(item);
}

function fromItem(item: Record<string, unknown>): Subscription {
  const {
    pk: _pk,
    sk: _sk,
    kind: _kind,
    sendPk: _a,
    sendSk: _b,
    ttl: _ttl,
    writeId: _w,
    counted: _c,
    email,
    ...all
  } = item;
  const rest = Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(CLAIM_PREFIX)));
  // A record from before sealing holds `email` in clear until the migration seals it (see AesGcmAddressCipher.open).
  // Consent fields older records kept (user agent, client address hash) are not read, so no write carries them on.
  const consent = rest.consent === undefined ? {} : { consent: minimalConsent(rest.consent as Consent) };
  return { ...rest, ...consent, ...(rest.address === undefined ? { address: email } : {}) } as unknown as Subscription;
}

/** The id of the transition that stored `sub` (the same for every retry of that write). */
export function transitionId(sub: Pick<Subscription, 'id' | 'createdAt' | 'version'>): string {
  return `${sub.id}@${sub.createdAt}@${sub.version}`;
}
