import type { Subscription } from '../../core/subscription.ts';

/** Reads and deletes one reader's record. */

export interface SubscriberDataStore {
  get(id: string): Promise<Subscription | undefined>;
  /** Deletes the reader's record; true when one was held. */
  delete(id: string): Promise<boolean>;
}
