import type { Subscription } from '../../core/subscription.ts';

/** Reads and conditionally writes subscriptions (DynamoSubscriberRepository). */

export interface SubscriberStore {
  get(id: string): Promise<Subscription | undefined>;
  /** Stores if the stored version is still `sub.version`; throws ConcurrentUpdateError otherwise. */
  save(sub: Subscription): Promise<Subscription>;
}
