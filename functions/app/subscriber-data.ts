import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import type { Delivery } from '../core/send.ts';
import type { Subscription } from '../core/subscription.ts';
import type { DeliveryDetails, FeedbackSets } from './ports.ts';

/** Reads and deletes one reader's record. */
export interface SubscriberDataStore {
  get(id: string): Promise<Subscription | undefined>;
  delete(id: string): Promise<void>;
}

/** One reader's delivery record of one edition, with what its settle recorded (message id, times, reason). */
export interface ReaderDelivery extends Delivery {
  readonly edition: string;
  readonly details: DeliveryDetails;
}

/** A reader's delivery records across editions (DynamoDeliveries: every edition whose records may still exist). */
export interface ReaderDeliveries {
  ofReader(subscriberId: string, now: number): Promise<ReaderDelivery[]>;
  eraseReader(subscriberId: string, now: number): Promise<void>;
}

/** Dependencies of export and erase. */
export interface SubscriberDataDeps {
  readonly store: SubscriberDataStore;
  readonly deliveries: ReaderDeliveries;
  readonly feedback: Pick<FeedbackSets, 'forget'>;
  readonly idKey: Uint8Array;
  readonly now: () => number;
}

/** Everything held about a reader: the subscription with its consent, and the per-edition delivery records. */
export type SubscriberData = Subscription & { readonly deliveries: readonly ReaderDelivery[] };

/** A reader's data as a JSON-ready object (GDPR access), or undefined when none is held. */
export async function exportSubscriber(deps: SubscriberDataDeps, address: string): Promise<SubscriberData | undefined> {
  const id = subscriberIdFor(deps.idKey, normalizeEmail(address).key);
  const sub = await deps.store.get(id);
  if (!sub) return undefined;
  return { ...sub, deliveries: await deps.deliveries.ofReader(id, deps.now()) };
}

/**
 * Erases everything keyed by the reader (GDPR erasure): the subscription first, so a batch on its way finds the
 * reader gone and writes nothing, then the reader's id in the editions' bounce and complaint sets, then the delivery
 * records (last: they name the editions, so an erasure tried again still finds them). Tells whether a subscription
 * was held.
 */
export async function eraseSubscriber(deps: SubscriberDataDeps, address: string): Promise<boolean> {
  const id = subscriberIdFor(deps.idKey, normalizeEmail(address).key);
  const existing = await deps.store.get(id);
  if (existing) await deps.store.delete(id);
  const editions = (await deps.deliveries.ofReader(id, deps.now())).map((d) => d.edition);
  await deps.feedback.forget(id, editions);
  await deps.deliveries.eraseReader(id, deps.now());
  return existing !== undefined;
}
