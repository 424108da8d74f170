import { renderAlreadySubscribedEmail, renderConfirmationEmail } from '../../templates/emails.ts';
import { canonicalMailbox, mailboxIdFor } from '../core/canonical-mailbox.ts';
import { normalizeEmail } from '../core/email.ts';
import {
  AddressUnreadableError,
  ConcurrentUpdateError,
  ConfirmationsPausedError,
  SendFailure,
} from '../core/errors.ts';
import { subscriberIdFor } from '../core/identity.ts';
import type { Language } from '../core/language.ts';
import { decideSubscribe, type SubscribePolicy } from '../core/lifecycle.ts';
import type { ConfirmationRequest } from '../core/queue-messages.ts';
import type { SealedAddress } from '../core/sealed-address.ts';
import type { Subscription } from '../core/subscription.ts';
import { confirmUrl, eraseUrl, manageUrl } from './links.ts';
import { withOptimisticRetry } from './optimistic-retry.ts';
import type { AddressCipher } from './ports/address-cipher.ts';
import type { ConfirmationCeiling } from './ports/confirmation-ceiling.ts';
import type { MailboxLog } from './ports/mailbox-log.ts';
import type { Mailer } from './ports/mailer.ts';
import type { SubscriptionDeps } from './subscription-deps.ts';

/** Dependencies of sendConfirmation. */
export interface SendConfirmationDeps extends SubscriptionDeps {
  readonly mailer: Mailer;
  /** Opens the queued request's address and seals it into the subscription it creates. */
  readonly cipher: Pick<AddressCipher, 'seal' | 'open'>;
  readonly mailboxes: MailboxLog;
  /** The account-wide ceiling on confirmation e-mails per hour. */
  readonly ceiling: ConfirmationCeiling;
  readonly policy: SubscribePolicy & { readonly confirmTokenTtlMs: number };
  /** The From display name per language (the brand in that language when absent). */
  readonly senderNames?: Partial<Record<Language, string>>;
  readonly brandColour?: string;
}

/**
 * The request's address in clear, or undefined (logged, the message dropped: no retry would open it) when its
 * ciphertext does not open: another request's, tampered with, or under a data key retired meanwhile.
 */
function openRequest(deps: SendConfirmationDeps, msg: ConfirmationRequest): string | undefined {
  try {
    return deps.cipher.open(msg.address as SealedAddress, msg.requestId);
  } catch (error) {
    if (!(error instanceof AddressUnreadableError)) throw error;
    deps.log.error('confirmation: sealed address does not open; request dropped', { requestId: msg.requestId });
    return undefined;
  }
}

/** What a queued subscribe request came to. */
export type ConfirmationOutcome = 'confirm' | 'alreadySubscribed' | 'none' | 'cooldown';

/**
 * The queue consumer of subscribe: creates or refreshes the pending subscription and mails its confirmation (or, for
 * a confirmed reader, an "already subscribed" note), within the mailbox's cooldown and daily cap. Nothing changes
 * when the mailbox has no free slot; the slot is given back when the e-mail is not accepted, and the error is thrown
 * so the queue tries again. A retried request finds its own slot and its own stored state and mails again.
 */
export async function sendConfirmation(
  deps: SendConfirmationDeps,
  msg: ConfirmationRequest,
): Promise<ConfirmationOutcome> {
  const recipient = openRequest(deps, msg);
  if (recipient === undefined) return 'none';
  const { key } = normalizeEmail(recipient);
  const id = subscriberIdFor(deps.idKey, key);
  const mailbox = mailboxIdFor(deps.idKey, canonicalMailbox(key));
  const request = {
    id,
    address: deps.cipher.seal(recipient, id),
    language: msg.language,
    consent: {
      ...(msg.networkHash === undefined ? {} : { networkHash: msg.networkHash }),
      source: msg.source,
      textVersion: msg.textVersion,
      requestId: msg.requestId,
      ...(msg.answers === undefined ? {} : { answers: msg.answers }),
    },
  };
  const erasedAt = await deps.erasures.erasedAt(id);
  // Asked for before the address was erased (queued, or retried since): never mailed. A new request is.
  if (erasedAt !== undefined && (msg.requestedAt ?? 0) <= erasedAt) {
    deps.log.info('confirmation: no e-mail', { subscriberId: id, requestId: msg.requestId, outcome: 'erased' });
    return 'none';
  }
  const now = deps.now();
  let tookSlot = false;
  // Decides on `existing`, takes the mailbox's slot, then writes (conditionally: a concurrent writer fails it).
  const step = async (
    existing: Subscription | undefined,
  ): Promise<{ mail: ConfirmationOutcome; sub?: Subscription }> => {
    const d = decideSubscribe(existing, request, now, deps.policy);
    if (d.mail === 'none' || (!existing && !d.next)) return { mail: 'none' };
    // A slot this request took on an earlier try stays its own (takeMailboxSlot keeps it): no need to ask again.
    if (!tookSlot && !(await deps.mailboxes.take(mailbox, msg.requestId, now))) return { mail: 'cooldown' };
    tookSlot = true;
    try {
      return { mail: d.mail, sub: d.next ? await deps.store.save(d.next) : existing };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) await deps.mailboxes.release(mailbox, msg.requestId, now);
      throw error;
    }
  };
  // Write first: most requests are for a new address, whose record is created without a read. The create fails
  // its condition when the address is known; then read, decide again and write, as often as writers collide.
  const plan = await step(undefined).catch((error: unknown) => {
    if (!(error instanceof ConcurrentUpdateError)) throw error;
    return withOptimisticRetry(async () => step(await deps.store.get(id)));
  });
  if (tookSlot && plan.mail === 'none') await deps.mailboxes.release(mailbox, msg.requestId, now);
  const sub = plan.sub;
  if (!sub || (plan.mail !== 'confirm' && plan.mail !== 'alreadySubscribed')) {
    deps.log.info('confirmation: no e-mail', { subscriberId: id, requestId: msg.requestId, outcome: plan.mail });
    return plan.mail;
  }
  const ttl = deps.policy.confirmTokenTtlMs;
  const brand = deps.brandColour ? { brandColour: deps.brandColour } : {};
  // Also to an address that never asked (someone typed it in): its owner can erase all of it from here.
  const erase = eraseUrl(deps.publicUrl, deps.ring, { id, mailbox }, sub.language, now);
  const email =
    plan.mail === 'confirm'
      ? renderConfirmationEmail(sub.language, {
          // Issued at the request's own time: confirm accepts it only while this request is the one on record.
          confirmUrl: confirmUrl(deps.publicUrl, deps.ring, id, sub.consent.requestedAt, ttl),
          eraseUrl: erase,
          expiresInDays: Math.max(1, Math.round(ttl / 86_400_000)),
          ...brand,
        })
      : renderAlreadySubscribedEmail(sub.language, {
          manageUrl: manageUrl(deps.publicUrl, deps.ring, id, now),
          eraseUrl: erase,
          ...brand,
        });
  const fromName = deps.senderNames?.[sub.language];
  // Past the hour's ceiling the e-mail waits for the next hour: the request keeps its mailbox slot and its stored
  // state, so the retry mails it. A flood of distinct addresses slows down instead of hurting SES's reputation.
  if (!(await deps.ceiling.take(now))) {
    deps.log.info('confirmation: paused by the hourly ceiling', { subscriberId: id, requestId: msg.requestId });
    throw new ConfirmationsPausedError(deps.ceiling.nextHour(now));
  }
  try {
    const { messageId } = await deps.mailer.send({
      // The request's own address: the one the stored subscription holds sealed.
      to: recipient,
      ...(fromName ? { fromName } : {}),
      ...email,
      tags: { kind: plan.mail },
    });
    deps.log.info('confirmation: e-mail sent', { subscriberId: id, kind: plan.mail, messageId });
  } catch (error) {
    // SES may have taken it (its answer was lost): a retry of the message could mail the address twice.
    if (error instanceof SendFailure && error.kind === 'uncertain') {
      deps.log.warn('confirmation: SES answer lost, not resent', { subscriberId: id, kind: plan.mail });
      return plan.mail;
    }
    await deps.ceiling.giveBack(now);
    await deps.mailboxes.release(mailbox, msg.requestId, now);
    throw error;
  }
  return plan.mail;
}
