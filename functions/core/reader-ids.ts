import { canonicalMailbox, mailboxIdFor } from './canonical-mailbox.ts';
import { normalizeEmail } from './email.ts';
import { subscriberIdFor } from './identity.ts';

/** The keys a reader's data is held under: the subscriber id and the canonical mailbox's id (both keyed hashes). */
export interface ReaderIds {
  readonly id: string;
  readonly mailbox: string;
}

/** The keys of the reader at `address`. */
export function readerIds(idKey: Uint8Array, address: string): ReaderIds {
  const { key } = normalizeEmail(address);
  return { id: subscriberIdFor(idKey, key), mailbox: mailboxIdFor(idKey, canonicalMailbox(key)) };
}

/** The canonical mailbox's id of `address` alone (the deliverer knows the reader's id already). */
export function mailboxOf(idKey: Uint8Array, address: string): string {
  return mailboxIdFor(idKey, canonicalMailbox(normalizeEmail(address).key));
}
