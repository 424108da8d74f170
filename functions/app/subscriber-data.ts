import { canonicalMailbox, type MailboxSlot, mailboxIdFor } from '../core/canonical-mailbox.ts';
import { normalizeEmail } from '../core/email.ts';
import { subscriberIdFor } from '../core/identity.ts';
import type { Subscription } from '../core/subscription.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { FeedbackSets } from './ports/feedback-sets.ts';
import type { MailboxRecords } from './ports/mailbox-records.ts';
import type { ReaderDeliveries, ReaderDelivery } from './ports/reader-deliveries.ts';
import type { ReaderWelcome, ReaderWelcomes } from './ports/reader-welcomes.ts';
import type { SubscriberDataStore } from './ports/subscriber-data-store.ts';

/** Dependencies of export and erase. */
export interface SubscriberDataDeps {
  readonly store: SubscriberDataStore;
  /** Opens the sealed address for an export (the one place an editor's answer shows it). */
  readonly cipher: Pick<AddressCipher, 'open'>;
  readonly deliveries: ReaderDeliveries;
  readonly feedback: Pick<FeedbackSets, 'forget'>;
  readonly welcomes: ReaderWelcomes;
  readonly mailboxes: MailboxRecords;
  readonly idKey: Uint8Array;
  readonly now: () => number;
}

/**
 * Everything held about a reader: the subscription with its consent, the per-edition delivery records, the welcome
 * e-mails, and the day's log of subscription e-mails to the address's canonical mailbox.
 */
export type SubscriberData = Omit<Subscription, 'address'> & {
  readonly email: string;
  readonly deliveries: readonly ReaderDelivery[];
  readonly welcomes: readonly ReaderWelcome[];
  readonly mailboxLog: readonly MailboxSlot[];
};

/** The keys a reader's data is held under: the subscriber id and the canonical mailbox's id. */
function readerIds(deps: SubscriberDataDeps, address: string) {
  const { key } = normalizeEmail(address);
  return { id: subscriberIdFor(deps.idKey, key), mailbox: mailboxIdFor(deps.idKey, canonicalMailbox(key)) };
}

/** A reader's data with every time (`at`, `…At`) as an ISO 8601 string: what a person reads in an export. */
export type ExportedSubscriber = Record<string, unknown>;

// A field named `at` or ending in `At` holds epoch milliseconds.
const TIME_FIELD = /^(at|[a-z]\w*At)$/;

/** `value` with every time field, at any depth, written as ISO 8601 (UTC). */
export function withIsoTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withIsoTimes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      TIME_FIELD.test(key) && typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString() : withIsoTimes(v),
    ]),
  );
}

/**
 * A reader's data as a JSON-ready object (GDPR access), times in ISO 8601, or undefined when no subscription is held.
 */
export async function exportSubscriber(
  deps: SubscriberDataDeps,
  address: string,
): Promise<ExportedSubscriber | undefined> {
  const { id, mailbox } = readerIds(deps, address);
  const sub = await deps.store.get(id);
  if (!sub) return undefined;
  const [deliveries, welcomes, mailboxLog] = await Promise.all([
    deps.deliveries.ofReader(id, deps.now()),
    deps.welcomes.ofReader(id),
    deps.mailboxes.slots(mailbox),
  ]);
  const { address: sealed, ...record } = sub;
  const data: SubscriberData = { ...record, email: deps.cipher.open(sealed, id), deliveries, welcomes, mailboxLog };
  return withIsoTimes(data) as ExportedSubscriber;
}

/**
 * Erases everything keyed by the reader (GDPR erasure): the subscription first, so a batch on its way finds the
 * reader gone and writes nothing, then the reader's id in the editions' bounce and complaint sets, then the delivery
 * records (after the sets: they name the editions, so an erasure tried again still finds them), the welcome records
 * and the canonical mailbox's log (shared with the address's other spellings, which only loses them a day's
 * cooldown). Tells whether a subscription was held.
 */
export async function eraseSubscriber(deps: SubscriberDataDeps, address: string): Promise<boolean> {
  const { id, mailbox } = readerIds(deps, address);
  const existing = await deps.store.get(id);
  if (existing) await deps.store.delete(id);
  const editions = (await deps.deliveries.ofReader(id, deps.now())).map((d) => d.edition);
  await deps.feedback.forget(id, editions);
  await Promise.all([
    deps.deliveries.eraseReader(id, deps.now()),
    deps.welcomes.eraseReader(id),
    deps.mailboxes.erase(mailbox),
  ]);
  return existing !== undefined;
}
