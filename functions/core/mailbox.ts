import { createHmac } from 'node:crypto';
import { type CooldownPolicy, takeMailSlot } from './subscription.ts';

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address delivers to, as far as the flood limits are concerned: lower-cased, a `+tag` removed, and
 * for Gmail the dots of the local part removed and googlemail.com taken as gmail.com. Only the cooldown and the daily
 * cap use it; the subscription stays keyed by the address as typed (lower-cased), since not every provider treats
 * `+tag` or dots alike and the reader may mean a different mailbox.
 */
export function canonicalMailbox(emailKey: string): string {
  const at = emailKey.lastIndexOf('@');
  const domain = emailKey.slice(at + 1).toLowerCase();
  let local = emailKey.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL.has(domain)) return `${local.replaceAll('.', '')}@gmail.com`;
  return `${local}@${domain}`;
}

/** A mailbox's pseudonymous id: a keyed hash of its canonical form (safe to log and to use in a key). */
export function mailboxIdFor(idKey: Uint8Array, canonical: string): string {
  return createHmac('sha256', idKey).update(`mailbox:${canonical}`).digest().subarray(0, 16).toString('base64url');
}

/** One e-mail the subscription flow sent (or is sending) to a mailbox, and the request it answered. */
export interface MailboxSlot {
  readonly at: number;
  readonly request: string;
}

/**
 * Takes a slot for `request` if the mailbox's cooldown and daily cap allow one now; a request that already holds a
 * slot keeps it (a retried delivery of the same request). Returns the pruned log with the slot in it.
 */
export function takeMailboxSlot(
  log: readonly MailboxSlot[],
  request: string,
  now: number,
  policy: CooldownPolicy,
): { allowed: boolean; log: MailboxSlot[] } {
  const recent = log.filter((s) => s.at > now - 86_400_000 && s.at <= now);
  if (recent.some((s) => s.request === request)) return { allowed: true, log: recent };
  const { allowed } = takeMailSlot(
    recent.map((s) => s.at),
    now,
    policy,
  );
  return { allowed, log: allowed ? [...recent, { at: now, request }] : recent };
}

/** The log without the slot of `request` (its e-mail was not accepted, so it never reached the mailbox). */
export function releaseMailboxSlot(log: readonly MailboxSlot[], request: string): MailboxSlot[] {
  return log.filter((s) => s.request !== request);
}
