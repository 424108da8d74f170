import type { KeyRing } from '../core/tokens.ts';
import type { Log } from './ports/log.ts';
import type { SubscriberStore } from './ports/subscriber-store.ts';

/** What every subscription use case needs. */

export interface SubscriptionDeps {
  readonly store: SubscriberStore;
  readonly ring: KeyRing;
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly publicUrl: string;
  readonly log: Log;
}
