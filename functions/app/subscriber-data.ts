import type { MailboxSlot } from '../core/canonical-mailbox.ts';
import { editionAt } from '../core/edition.ts';
import { AddressUnreadableError, ConflictError } from '../core/errors.ts';
import { maskedAddress } from '../core/masked-address.ts';
import { type ReaderIds, readerIds } from '../core/reader-ids.ts';
import type { Subscription } from '../core/subscription.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { ErasureMarkers } from './ports/erasure-markers.ts';
import type { FeedbackSets } from './ports/feedback-sets.ts';
import type { ImportLedger } from './ports/import-ledger.ts';
import type { MailboxRecords } from './ports/mailbox-records.ts';
import type { ReaderDeliveries, ReaderDelivery } from './ports/reader-deliveries.ts';
import { READER_WEEKS_KEPT, type ReaderWeeks } from './ports/reader-weeks.ts';
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
  /** The weeks' sets of confirmed and unsubscribed readers, and the time zone their weeks are counted in. */
  readonly weeks: Pick<ReaderWeeks, 'forget'>;
  readonly timeZone: string;
  readonly erasures: Pick<ErasureMarkers, 'mark'>;
  /** The imports' marks of the reader (which import brought the reader in, at which line). */
  readonly imports: Pick<ImportLedger, 'eraseReader'>;
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
 * The reader's address for an export; a ciphertext that does not open (copied from another record, altered, sealed
 * under a data key no longer held) is a 409 `address_unreadable` that names neither the address nor which check
 * failed: the same answer whatever the cause, so the refusal tells someone probing the table nothing more.
 */
function openForExport(deps: SubscriberDataDeps, sealed: Subscription['address'], id: string): string {
  try {
    return deps.cipher.open(sealed, id);
  } catch (error) {
    if (!(error instanceof AddressUnreadableError)) throw error;
    throw new ConflictError(
      'address_unreadable',
      'the stored address of that reader does not open (moved from another record, altered, or sealed under a data key no longer held); nothing was exported',
    );
  }
}

/**
 * A reader's data as a JSON-ready object (GDPR access), times in ISO 8601, or undefined when no subscription is held.
 */
export async function exportSubscriber(
  deps: SubscriberDataDeps,
  address: string,
): Promise<ExportedSubscriber | undefined> {
  const { id, mailbox } = readerIds(deps.idKey, address);
  const sub = await deps.store.get(id);
  if (!sub) return undefined;
  const [deliveries, welcomes, mailboxLog] = await Promise.all([
    deps.deliveries.ofReader(id, deps.now()),
    deps.welcomes.ofReader(id),
    deps.mailboxes.slots(mailbox),
  ]);
  const { address: sealed, ...record } = sub;
  const data: SubscriberData = { ...record, email: openForExport(deps, sealed, id), deliveries, welcomes, mailboxLog };
  return withIsoTimes(data) as ExportedSubscriber;
}

// The weeks whose reader sets can still exist (they live READER_WEEKS_KEPT weeks): those and the one before.
const WEEKS_KEPT = READER_WEEKS_KEPT + 1;

/** What erasure needs: all of export's but the cipher (erasing reads no address). */
export type EraseDeps = Omit<SubscriberDataDeps, 'cipher'>;

/** Erases everything held about the reader at `address` (see eraseReader); tells whether a subscription was held. */
export function eraseSubscriber(deps: EraseDeps, address: string): Promise<boolean> {
  return eraseReader(deps, readerIds(deps.idKey, address));
}

/**
 * Erases everything keyed by the reader (GDPR erasure): first the suppression marker (the subscriber id and the time,
 * so a confirmation request queued before now or a digest batch on its way is not mailed), then the subscription, so
 * a batch on its way finds the reader gone and writes nothing, then the reader's id in the editions' bounce and
 * complaint sets, then the delivery records (after the sets: they name the editions, so an erasure tried again still
 * finds them), the welcome records, the weeks' reader sets, the imports' marks of the reader and the canonical mailbox's log (shared with the address's
 * other spellings, which only loses them a day's cooldown). The same calls are made whether anything was held, so an
 * unknown reader costs about what a known one does. Tells whether a subscription was held.
 */
export async function eraseReader(deps: EraseDeps, { id, mailbox }: ReaderIds): Promise<boolean> {
  const now = deps.now();
  await deps.erasures.mark(id, now);
  const held = await deps.store.delete(id);
  const editions = (await deps.deliveries.ofReader(id, now)).map((d) => d.edition);
  await deps.feedback.forget(id, editions);
  const weeks = Array.from({ length: WEEKS_KEPT }, (_, k) => editionAt(now - k * 7 * 86_400_000, deps.timeZone));
  await Promise.all([
    deps.deliveries.eraseReader(id, now),
    deps.welcomes.eraseReader(id),
    deps.mailboxes.erase(mailbox),
    deps.weeks.forget(id, weeks),
    deps.imports.eraseReader(id),
  ]);
  return held;
}

/** What a lookup answers: a masked address, the status, the language and the dates; never the address in clear. */
export interface SubscriberLookup {
  readonly maskedEmail: string;
  readonly status: Subscription['status'];
  readonly language: Subscription['language'];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly confirmedAt?: string;
  readonly unsubscribedAt?: string;
  readonly expiresAt?: string;
}

/**
 * Whether data is held for `address`, and its state, without opening the sealed address (no decrypt: the mask is
 * made from the address the caller typed, which the keyed-hash id matched). Undefined when no subscription is held.
 */
export async function lookupSubscriber(
  deps: Pick<SubscriberDataDeps, 'store' | 'idKey'>,
  address: string,
): Promise<SubscriberLookup | undefined> {
  const sub = await deps.store.get(readerIds(deps.idKey, address).id);
  if (!sub) return undefined;
  const { status, language, createdAt, updatedAt, confirmedAt, unsubscribedAt, expiresAt } = sub;
  const dates = { createdAt, updatedAt, confirmedAt, unsubscribedAt, expiresAt };
  return {
    maskedEmail: maskedAddress(address),
    status,
    language,
    ...(withIsoTimes(dates) as object),
  } as SubscriberLookup;
}
