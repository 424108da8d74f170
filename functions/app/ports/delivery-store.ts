/** Outcome of a settle beyond its status: message id, reason, language sent in. */

import type { Language } from '../../core/language.ts';
import type { Delivery, DeliveryStatus } from '../../core/send.ts';

export type DeliveryDetails = Record<string, string | number>;
/** What a claim came to: this consumer's now, another's live claim (made after the stale limit), or done. */

export type Claim = 'claimed' | 'held' | 'settled';
/** The per-reader delivery records of an edition: deliver claims and settles, SES events and the report read. */

export interface DeliveryStore {
  /** Claims one reader's delivery unless it is settled or claimed elsewhere after `staleBefore`. */
  claim(edition: string, subscriberId: string, language: Language, now: number, staleBefore: number): Promise<Claim>;
  /** Records the outcome of a claimed delivery; nothing when there is no record (the reader was erased). */
  settle(edition: string, subscriberId: string, status: DeliveryStatus, details?: DeliveryDetails): Promise<void>;
  /** Removes a claim without trace (its reader was erased meanwhile). */
  discard(edition: string, subscriberId: string): Promise<void>;
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
