import { randomUUID } from 'node:crypto';
import type { Claim, DeliveryDetails, DeliveryStore } from '../../../functions/app/ports/delivery-store.ts';
import type { ReaderDeliveries, ReaderDelivery } from '../../../functions/app/ports/reader-deliveries.ts';
import type { Language } from '../../../functions/core/language.ts';
import { type Delivery, type DeliveryStatus, erasedId, erasedOutcome } from '../../../functions/core/send.ts';

/** A delivery record as kept here: the port's view plus the claim time and the settle details. */
export type MemoryDelivery = Delivery & { edition: string; claimedAt: number; details: DeliveryDetails };

/** Delivery records in a Map keyed `<edition>#<reader>`, with the same claim rule as the DynamoDB adapter. */
export class MemoryDeliveryStore implements DeliveryStore, ReaderDeliveries {
  readonly items = new Map<string, MemoryDelivery>();

  /** Claims a reader's delivery unless it is settled or claimed after `staleBefore`. */
  async claim(
    edition: string,
    subscriberId: string,
    language: Language,
    now: number,
    staleBefore: number,
  ): Promise<Claim> {
    const key = `${edition}#${subscriberId}`;
    const current = this.items.get(key);
    if (current?.status === 'sending' && current.claimedAt >= staleBefore) return 'held';
    if (current && current.status !== 'sending' && current.status !== 'retry') return 'settled';
    this.items.set(key, {
      edition,
      subscriberId,
      language,
      status: 'sending',
      attempts: (current?.attempts ?? 0) + 1,
      claimedAt: now,
      details: current?.details ?? {},
      ...(current?.transientBounces ? { transientBounces: current.transientBounces } : {}),
    });
    return 'claimed';
  }

  /** Records an outcome on an existing record. */
  async settle(
    edition: string,
    subscriberId: string,
    status: DeliveryStatus,
    details: DeliveryDetails = {},
  ): Promise<void> {
    const key = `${edition}#${subscriberId}`;
    const current = this.items.get(key);
    if (current) this.items.set(key, { ...current, status, details: { ...current.details, ...details } });
  }

  /** Replaces a live claim by an anonymous skipped record (DynamoDeliveries.discard). */
  async discard(edition: string, subscriberId: string): Promise<void> {
    const key = `${edition}#${subscriberId}`;
    const current = this.items.get(key);
    if (current?.status !== 'sending') return;
    this.anonymise(current);
    this.items.delete(key);
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
