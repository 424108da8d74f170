import type { Language } from '../../core/language.ts';
import type { Status } from '../../core/subscription.ts';

/** What the statistics know of one subscription. */

export interface SubscriberFacts {
  readonly language: Language;
  readonly status: Status;
  readonly expiresAt?: number;
  readonly confirmedAt?: number;
  readonly unsubscribedAt?: number;
}
/** Reads every subscription's facts, page by page (DynamoSubscriberScan). */

export interface SubscriberScan {
  facts(): AsyncIterable<readonly SubscriberFacts[]>;
}
