import type { KeyRing } from '../core/tokens.ts';
import type { ErasureMarkers } from './ports/erasure-markers.ts';
import type { Log } from './ports/log.ts';
import type { ReaderWeeks } from './ports/reader-weeks.ts';
import type { SubscriberStore } from './ports/subscriber-store.ts';

/** What every subscription use case needs. */

export interface SubscriptionDeps {
  readonly store: SubscriberStore;
  readonly ring: KeyRing;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly publicUrl: string;
  readonly log: Log;
  /** Where confirm and unsubscribe mark the week they happened in (the report's weekly counts). */
  readonly weeks: ReaderWeeks;
  /** The time zone editions (and so weeks) are counted in. */
  readonly timeZone: string;
  /** Erased readers' markers: the confirmation mailer checks them, a confirmation clears them. */
  readonly erasures: Pick<ErasureMarkers, 'erasedAt' | 'clear'>;
}
