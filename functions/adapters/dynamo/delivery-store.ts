import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim, DeliveryDetails, DeliveryStore, HeldClaim } from '../../app/ports/delivery-store.ts';
import type { ReaderDeliveries, ReaderDelivery } from '../../app/ports/reader-deliveries.ts';
import type { Language } from '../../core/language.ts';
import { type Delivery, type DeliveryStatus, erasedId, erasedOutcome } from '../../core/send.ts';
import { deleteKeys, writeAll } from './batch.ts';
import { isConditionFailure } from './client.ts';
import { allOf, anyOf, type Condition, EXISTS, IS_NEW, putIf, updateIf, WRITE_ID } from './conditional-write.ts';
import { FENCE, OPEN, ReaderClaims, recordTtl } from './delivery-claims.ts';
import { erasedItem, readerItems, toDelivery, toReaderDelivery } from './delivery-items.ts';
import { type ItemKey, keys } from './keys.ts';
import { type Item, partitionItems } from './pager.ts';
import { subscriptionOf } from './subscriber-store.ts';
import { TABLE } from './table.ts';

/** A record, not a fence (ReaderClaims.fence): feedback never lands on a fence. */
const NOT_FENCE = { expression: '#status <> :fence', names: { '#status': 'status' }, values: { ':fence': FENCE } };
/** A skipped record (an erased reader's, counted by discard). */
const SKIPPED = { expression: '#status = :skipped', names: { '#status': 'status' }, values: { ':skipped': 'skipped' } };

/** One record per (edition, reader), spread over `shards` partitions per edition; guards exactly-once sending. */
export class DynamoDeliveryStore implements DeliveryStore, ReaderDeliveries {
  private readonly claims: ReaderClaims;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shards: number,
  ) {
    this.claims = new ReaderClaims(db, tableName, shards, subscriptionOf);
  }

  /** Claims the delivery to one reader on the reader's own item (ReaderClaims.claim): one write, no read. */
  claim(edition: string, subscriberId: string, language: Language, now: number, staleBefore: number): Promise<Claim> {
    return this.claims.claim(edition, subscriberId, language, now, staleBefore);
  }

  /**
   * Records the outcome of a held claim: one put of the record, unless it is settled already (a stale claim taken
   * over) or fenced (the reader was erased meanwhile: the outcome goes to the fence's anonymous record). `retry`
   * gives the claim back and records the delivery as waiting.
   */
  async settle(claim: HeldClaim, status: DeliveryStatus, details: DeliveryDetails = {}): Promise<void> {
    const { edition, subscriberId, language, attempts } = claim;
    if (status === 'retry') await this.claims.release(claim);
    const item = {
      ...details,
      ...this.key(edition, subscriberId),
      status,
      language,
      attempts,
      claimId: claim.claimId,
      claimedAt: claim.claimedAt,
      [TABLE.ttlAttribute]: recordTtl(claim.claimedAt),
    };
    if (await this.putUnlessSettled(item, claim.claimId)) return;
    // Refused: settled by another claim (a stale one taken over), or fenced (the reader was erased meanwhile).
    const current = await this.claims.record(edition, subscriberId);
    if (current?.status !== FENCE) return;
    // Over a skipped record discard counted meanwhile (a second consumer): the outcome, still once.
    await this.anonymous(edition, String(current.anon), { ...item, status: erasedOutcome(status) }, SKIPPED);
    await this.claims.removeFence(edition, subscriberId);
  }

  /**
   * Puts a settled record over none (or one from before claims moved), or over this very claim's record as it is
   * (the SDK's retry of a put whose answer was lost writes the same again, and succeeds: no conditional-write helper
   * here, whose retry always fails its condition and so spends the SDK's retry quota with no refund). False when
   * refused.
   */
  private async putUnlessSettled(item: Item, claimId: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: `${OPEN.expression} OR (#claimId = :claimId AND #status = :status)`,
          ExpressionAttributeNames: { ...OPEN.names, '#claimId': 'claimId' },
          ExpressionAttributeValues: { ...OPEN.values, ':claimId': claimId, ':status': item.status },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Records a reader found not confirmed as skipped, unless its record exists already. */
  async skip(edition: string, subscriberId: string, language: Language, reason: string): Promise<void> {
    const item = {
      ...this.key(edition, subscriberId),
      status: 'skipped',
      language,
      attempts: 1,
      reason,
      [TABLE.ttlAttribute]: recordTtl(Date.now()),
    };
    await putIf(this.db, this.tableName, item, OPEN);
  }

  /**
   * Counts a reader found erased as skipped under an id no reader has: under the fence's anonymous id when a claim
   * was under way at the erasure, else a fresh one; nothing when a record is there (erasure anonymises it). The fence
   * goes only once its claim is stale (made before `staleBefore`): a live claim's settle still comes, and finding no
   * fence it would write its record under the reader's id. A batch coming back after the fence went counts the
   * reader again, as before claims moved.
   */
  async discard(edition: string, subscriberId: string, language: Language, staleBefore: number): Promise<void> {
    const current = await this.claims.record(edition, subscriberId);
    if (current && current.status !== FENCE) return;
    const item = { status: 'skipped', language, attempts: 1, [TABLE.ttlAttribute]: recordTtl(Date.now()) };
    await this.anonymous(edition, current ? String(current.anon) : randomUUID(), item);
    if (current && Number(current.claimedAt ?? 0) < staleBefore) await this.claims.removeFence(edition, subscriberId);
  }

  /** Puts an erased reader's outcome under the fence's anonymous id, once (or over a record `over` allows). */
  private async anonymous(edition: string, anon: string, item: Item, over?: Condition): Promise<void> {
    const key = this.key(edition, erasedId(anon));
    await putIf(this.db, this.tableName, erasedItem(key, item), over ? anyOf(IS_NEW, over) : IS_NEW);
  }

  /** Fences the claims under way of a reader just deleted (ReaderClaims.fence). */
  fenceClaims(subscriberId: string, deleted: Item | undefined): Promise<void> {
    return this.claims.fence(subscriberId, deleted);
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
    const outcome = await updateIf(
      this.db,
      this.tableName,
      this.key(edition, subscriberId),
      change,
      allOf(EXISTS, NOT_FENCE),
    );
    return outcome.written ? (outcome.item.language as Language) : undefined;
  }

  /** Every delivery record of an edition (all shards, read in parallel). */
  async list(edition: string): Promise<Delivery[]> {
    const shards = Array.from({ length: this.shards }, (_, s) => s);
    const parts = await Promise.all(
      shards.map((s) => partitionItems(this.db, this.tableName, keys.deliveryPartition(edition, s))),
    );
    return parts
      .flat()
      .filter((item) => item.status !== FENCE)
      .map(toDelivery);
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
}
