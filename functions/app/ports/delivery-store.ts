/** Outcome of a settle beyond its status: message id, reason, language sent in. */

import type { Language } from '../../core/language.ts';
import type { Delivery, DeliveryStatus } from '../../core/send.ts';
import type { Status, Subscription } from '../../core/subscription.ts';

export type DeliveryDetails = Record<string, string | number>;

/** A claim this consumer holds on one reader's delivery: what its settle names. */
export interface HeldClaim {
  readonly edition: string;
  readonly subscriberId: string;
  /** The claim's own id (a takeover or a release changes it). */
  readonly claimId: string;
  /** The language the reader was planned in (the record is counted under it). */
  readonly language: Language;
  /** When this claim was made (the record lives DELIVERY_RECORD_MS from it). */
  readonly claimedAt: number;
  /** Claims of this delivery so far, this one included. */
  readonly attempts: number;
}

/**
 * What a claim came to: `claimed` (the reader, read by the claim itself, was confirmed at that instant), `held` (a
 * live claim elsewhere), `settled` (done before), `gone` (no reader: erased), or `not-confirmed` (left, pending,
 * unsubscribed: nothing claimed).
 */
export type Claim =
  | { readonly kind: 'claimed'; readonly claim: HeldClaim; readonly reader: Subscription }
  | { readonly kind: 'held' }
  | { readonly kind: 'settled' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'not-confirmed'; readonly status: Status };

/** The per-reader delivery records of an edition: deliver claims and settles, SES events and the report read. */
export interface DeliveryStore {
  /**
   * Claims one reader's delivery in one write, conditioned on the reader being confirmed and the delivery being
   * neither settled nor claimed elsewhere after `staleBefore`; answers the reader as the claim found it.
   */
  claim(edition: string, subscriberId: string, language: Language, now: number, staleBefore: number): Promise<Claim>;
  /**
   * Records the outcome of a held claim (one write); `retry` releases it for the next try instead. A reader erased
   * since the claim gets an anonymous record of the outcome, nothing under its id.
   */
  settle(claim: HeldClaim, status: DeliveryStatus, details?: DeliveryDetails): Promise<void>;
  /** Records a reader found not confirmed as skipped, unless the delivery has a record already. */
  skip(edition: string, subscriberId: string, language: Language, reason: string): Promise<void>;
  /**
   * Counts a reader erased (gone, or marked erased) as skipped under an id no reader has; nothing points at the reader
   * afterwards. A claim under way at the erasure (made after `staleBefore`) is counted once: its settle, even after
   * this, records its outcome in the same anonymous record.
   */
  discard(edition: string, subscriberId: string, language: Language, staleBefore: number): Promise<void>;
  /**
   * Marks a sent delivery bounced or complained, or counts a transient bounce; gives the record's language, or
   * undefined when there is no record (nothing changed).
   */
  feedback(
    edition: string,
    subscriberId: string,
    feedback: 'bounced' | 'complained' | 'transient',
  ): Promise<Language | undefined>;
  /** Every delivery record of an edition. */
  list(edition: string): Promise<Delivery[]>;
}
