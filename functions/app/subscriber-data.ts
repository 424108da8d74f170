import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import type { Subscription } from '../core/subscription.ts';

/** Reads and deletes one reader's record. */
export interface SubscriberDataStore {
  get(id: string): Promise<Subscription | undefined>;
  delete(id: string): Promise<void>;
}

/** A reader's data as JSON-ready object (GDPR access), or undefined when none is held. */
export async function exportSubscriber(
  store: SubscriberDataStore,
  idKey: Uint8Array,
  address: string,
): Promise<Subscription | undefined> {
  return store.get(subscriberIdFor(idKey, normalizeEmail(address).key));
}

/** Erases a reader's record for good (GDPR erasure); tells whether there was one. */
export async function eraseSubscriber(
  store: SubscriberDataStore,
  idKey: Uint8Array,
  address: string,
): Promise<boolean> {
  const id = subscriberIdFor(idKey, normalizeEmail(address).key);
  const existing = await store.get(id);
  if (existing) await store.delete(id);
  return existing !== undefined;
}
