import type { Language } from './language.ts';
import type { SealedAddress } from './sealed-address.ts';
import {
  type ConfirmationEvidence,
  type Consent,
  type CooldownPolicy,
  isExpired,
  minimalConsent,
  type Subscription,
  transition,
} from './subscription.ts';

/** What the subscribe flow should mail after storing the new state. */
export type SubscribeMail = 'confirm' | 'alreadySubscribed' | 'none';

/** Input of a subscribe request, already validated and normalised. */
export interface SubscribeRequest {
  readonly id: string;
  /** The address sealed to `id`. */
  readonly address: SealedAddress;
  readonly language: Language;
  readonly consent: Omit<Consent, 'requestedAt' | 'confirmedAt' | 'language' | 'confirmation' | 'requestId'> & {
    readonly requestId: string;
  };
}

/** Timing rules of the subscribe flow; the cooldown applies per mailbox (see core/canonical-mailbox.ts). */
export interface SubscribePolicy {
  readonly cooldown: CooldownPolicy;
  readonly pendingExpiryMs: number;
}

/**
 * Decides a subscribe request against the stored subscription (or none), once its mailbox has a free slot: the state
 * to store (undefined when nothing changes) and which e-mail to send. A pending record is only ever rewritten here,
 * together with a new confirmation e-mail for the new request. A request already applied (a retried delivery) mails
 * again for the stored state. An expired pending subscription counts as absent.
 */
export function decideSubscribe(
  existing: Subscription | undefined,
  req: SubscribeRequest,
  now: number,
  policy: Pick<SubscribePolicy, 'pendingExpiryMs'>,
): { next?: Subscription; mail: SubscribeMail } {
  const current = existing && !isExpired(existing, now) ? existing : undefined;
  const status = current ? transition(current.status, 'subscribe') : 'pending';
  if (status === undefined) return { mail: 'none' };
  if (status === 'confirmed' && current) return { mail: 'alreadySubscribed' };
  if (current?.status === 'pending' && current.consent.requestId === req.consent.requestId) return { mail: 'confirm' };
  // New, expired, unsubscribed or bounced address, or a pending one asking again: (re)start the opt-in.
  const base = current ?? existing;
  const next: Subscription = {
    id: req.id,
    address: req.address,
    language: req.language,
    status: 'pending',
    version: existing?.version ?? 0,
    createdAt: base?.createdAt ?? now,
    updatedAt: now,
    consent: { ...req.consent, language: req.language, requestedAt: now },
    ...(base?.unsubscribedAt === undefined ? {} : { unsubscribedAt: base.unsubscribedAt }),
    ...(base?.transientBounces === undefined ? {} : { transientBounces: base.transientBounces }),
    // The window runs from this request's confirmation e-mail.
    expiresAt: now + policy.pendingExpiryMs,
  };
  return { next, mail: 'confirm' };
}

/**
 * Confirms a pending subscription, recording the confirmation's own evidence in the consent record; undefined when
 * the status does not allow it.
 */
export function applyConfirm(
  sub: Subscription,
  now: number,
  evidence?: Omit<ConfirmationEvidence, 'at'>,
): Subscription | undefined {
  if (isExpired(sub, now)) return undefined;
  if (sub.status === 'confirmed') return sub;
  if (transition(sub.status, 'confirm') !== 'confirmed') return undefined;
  const { expiresAt: _dropped, ...rest } = sub;
  return {
    ...rest,
    status: 'confirmed',
    confirmedAt: now,
    updatedAt: now,
    consent: minimalConsent({
      ...sub.consent,
      confirmedAt: now,
      ...(evidence ? { confirmation: { at: now, ...evidence } } : {}),
    }),
  };
}

/** Unsubscribes; returns the same object when nothing changes (already out). */
export function applyUnsubscribe(sub: Subscription, now: number): Subscription {
  const status = transition(sub.status, 'unsubscribe') ?? sub.status;
  if (status === sub.status) return sub;
  const { expiresAt: _dropped, ...rest } = sub;
  return { ...rest, status, unsubscribedAt: now, updatedAt: now };
}

/** Applies a permanent bounce or a complaint reported by SES. */
export function applyFeedback(sub: Subscription, event: 'bounce' | 'complain', now: number): Subscription {
  const status = transition(sub.status, event) ?? sub.status;
  if (status === sub.status) return sub;
  const { expiresAt: _dropped, ...rest } = sub;
  return { ...rest, status, updatedAt: now };
}

/** Counts a transient (soft) bounce reported by SES; the reader stays subscribed. */
export function applyTransientBounce(sub: Subscription, now: number): Subscription {
  return { ...sub, transientBounces: (sub.transientBounces ?? 0) + 1, updatedAt: now };
}

/** Switches the reader's language. */
export function applyLanguage(sub: Subscription, language: Language, now: number): Subscription {
  return sub.language === language ? sub : { ...sub, language, updatedAt: now };
}
