import { randomUUID } from 'node:crypto';
import type { Claim, DeliveryDetails, DeliveryStore, HeldClaim } from '../../../functions/app/ports/delivery-store.ts';
import type { ReaderDeliveries, ReaderDelivery } from '../../../functions/app/ports/reader-deliveries.ts';
import type { Language } from '../../../functions/core/language.ts';
import { type Delivery, type DeliveryStatus, erasedId, erasedOutcome } from '../../../functions/core/send.ts';
import type { Subscription } from '../../../functions/core/subscription.ts';

/** A delivery record as kept here: the port's view plus the claim time and the settle details. */
export type MemoryDelivery = Delivery & { edition: string; claimedAt: number; details: DeliveryDetails };

/** A claim as the reader's item holds it (DynamoDB: `claim#<edition>` on the reader's item). */
interface MemoryClaim {
  id: string;
  at: number;
  n: number;
  released?: boolean;
}

/** What the store reads of the readers: their items (the claim is conditioned on the reader's status). */
export interface ClaimedReaders {
  readonly items: Map<string, Subscription>;
}

/**
 * Delivery records in a Map keyed `<edition>#<reader>`, with the same claim rule as the DynamoDB adapter: a claim
 * holds while the reader is confirmed and no claim of the edition is live, settled or fenced.
 */
export class MemoryDeliveryStore implements DeliveryStore, ReaderDeliveries {
  readonly items = new Map<string, MemoryDelivery>();
  readonly claims = new Map<string, MemoryClaim>();

  constructor(private readonly readers: ClaimedReaders = { items: new Map() }) {}

  /** Claims a reader's delivery while it is confirmed and unclaimed (or released, or claimed before `staleBefore`). */
  async claim(
    edition: string,
    subscriberId: string,
    language: Language,
    now: number,
    staleBefore: number,
  ): Promise<Claim> {
    const key = `${edition}#${subscriberId}`;
    const reader = this.readers.items.get(subscriberId);
    if (!reader) return { kind: 'gone' };
    const held = this.claims.get(key);
    if (held && !held.released) {
      const record = this.items.get(key);
      if (record && record.status !== 'sending' && record.status !== 'retry') return { kind: 'settled' };
      if (held.at >= staleBefore) return { kind: 'held' };
    }
    if (reader.status !== 'confirmed') return { kind: 'not-confirmed', status: reader.status };
    const claim = { id: randomUUID(), at: now, n: (held?.n ?? 0) + 1 };
    this.claims.set(key, claim);
    // Like the claim on the reader's item in DynamoDB, it moves the reader's version on.
    this.readers.items.set(subscriberId, { ...reader, version: reader.version + 1 });
    const heldClaim = { edition, subscriberId, claimId: claim.id, language, claimedAt: now, attempts: claim.n };
    return { kind: 'claimed', claim: heldClaim, reader: structuredClone({ ...reader, version: reader.version + 1 }) };
  }

  /** Records the outcome of a held claim (`retry` releases it); an erased reader's outcome goes anonymous. */
  async settle(claim: HeldClaim, status: DeliveryStatus, details: DeliveryDetails = {}): Promise<void> {
    const key = `${claim.edition}#${claim.subscriberId}`;
    const mine = this.claims.get(key);
    if (status === 'retry' && mine?.id === claim.claimId) mine.released = true;
    const record: MemoryDelivery = {
      edition: claim.edition,
      subscriberId: claim.subscriberId,
      language: claim.language,
      status,
      attempts: claim.attempts,
      claimedAt: claim.claimedAt,
      details,
    };
    if (!this.readers.items.has(claim.subscriberId)) {
      // Erased meanwhile (DynamoDB: a fence): the outcome under the claim's anonymous id, over discard's count.
      if (!this.items.has(key)) this.anonymous(claim.edition, claim.language, status, claim.claimId, true);
      if (mine?.id === claim.claimId) this.claims.delete(key);
      return;
    }
    const current = this.items.get(key);
    if (!current || current.status === 'sending' || current.status === 'retry') this.items.set(key, record);
  }

  /** Records a reader found not confirmed as skipped, unless its record exists. */
  async skip(edition: string, subscriberId: string, language: Language, reason: string): Promise<void> {
    const key = `${edition}#${subscriberId}`;
    const current = this.items.get(key);
    if (current && current.status !== 'sending' && current.status !== 'retry') return;
    const d = { edition, subscriberId, language, status: 'skipped' as const, attempts: 1, claimedAt: 0 };
    this.items.set(key, { ...d, details: { reason } });
  }

  /**
   * Counts an erased reader as skipped under no id, unless a record is there (DynamoDeliveryStore.discard): under the
   * claim's anonymous id when a claim was under way (its settle lands there too), kept until that claim is stale.
   */
  async discard(edition: string, subscriberId: string, language: Language, staleBefore: number): Promise<void> {
    const key = `${edition}#${subscriberId}`;
    if (this.items.has(key)) return;
    const live = this.claims.get(key);
    if (!live || live.released) return this.anonymous(edition, language, 'skipped');
    this.anonymous(edition, language, 'skipped', live.id);
    if (live.at < staleBefore) this.claims.delete(key);
  }

  /** An erased reader's outcome under an anonymous id, once (or over a skipped one when `over`). */
  private anonymous(
    edition: string,
    language: Language,
    status: DeliveryStatus,
    anon: string = randomUUID(),
    over = false,
  ) {
    const id = erasedId(anon);
    const there = this.items.get(`${edition}#${id}`);
    if (there && !(over && there.status === 'skipped')) return;
    const stand = { edition, subscriberId: id, language, attempts: 1, claimedAt: 0 };
    this.items.set(`${edition}#${id}`, { ...stand, status: erasedOutcome(status), details: { reason: 'erased' } });
  }

  /** Marks an existing record bounced or complained, or counts a transient bounce; gives the record's language. */
  async feedback(
    edition: string,
    subscriberId: string,
    feedback: 'bounced' | 'complained' | 'transient',
  ): Promise<Language | undefined> {
    const key = `${edition}#${subscriberId}`;
    const current = this.items.get(key);
    if (!current) return undefined;
    this.items.set(
      key,
      feedback === 'transient'
        ? { ...current, transientBounces: (current.transientBounces ?? 0) + 1 }
        : { ...current, status: feedback },
    );
    return current.language;
  }

  /** Every record of an edition. */
  async list(edition: string): Promise<Delivery[]> {
    return [...this.items.values()].filter((d) => d.edition === edition).map(toDelivery);
  }

  /** A reader's records of every edition, oldest edition first. */
  async ofReader(subscriberId: string): Promise<ReaderDelivery[]> {
    return [...this.items.values()]
      .filter((d) => d.subscriberId === subscriberId)
      .sort((a, b) => a.edition.localeCompare(b.edition))
      .map((d) => ({ edition: d.edition, ...toDelivery(d), details: { claimedAt: d.claimedAt, ...d.details } }));
  }

  /** Deletes a reader's records of every edition. */
  async eraseReader(subscriberId: string): Promise<void> {
    for (const [key, d] of this.items)
      if (d.subscriberId === subscriberId) {
        this.anonymise(d);
        this.items.delete(key);
      }
  }

  private anonymise(d: MemoryDelivery): void {
    const id = erasedId(randomUUID());
    const status = erasedOutcome(d.status);
    const stand = { ...d, subscriberId: id, status, details: { reason: 'erased' } };
    delete stand.transientBounces;
    this.items.set(`${d.edition}#${id}`, stand);
  }
}

function toDelivery(d: MemoryDelivery): Delivery {
  return {
    subscriberId: d.subscriberId,
    language: d.language,
    status: d.status,
    attempts: d.attempts,
    ...(d.transientBounces ? { transientBounces: d.transientBounces } : {}),
  };
}
