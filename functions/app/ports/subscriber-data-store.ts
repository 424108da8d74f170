import type { Subscription } from '../../core/subscription.ts';

/** Reads and deletes one reader's record. */

export interface SubscriberDataStore {
  get(id: string): Promise<Subscription | undefined>;
  delete(id: string): Promise<void>;
}
