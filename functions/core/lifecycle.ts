import type { Language } from './language.ts';
import {
  type Consent,
  type CooldownPolicy,
  isExpired,
  type Subscription,
  takeMailSlot,
  transition,
} from './subscription.ts';

/** What the subscribe flow should mail after storing the new state. */
export type SubscribeMail = 'confirm' | 'alreadySubscribed' | 'none';

/** Input of a subscribe request, already validated and normalised. */
export interface SubscribeRequest {
  readonly id: string;
  readonly email: string;
  readonly language: Language;
  readonly consent: Omit<Consent, 'requestedAt' | 'confirmedAt' | 'language'>;
}

/** Timing rules of the subscribe flow. */
export interface SubscribePolicy {
  readonly cooldown: CooldownPolicy;
  readonly pendingExpiryMs: number;
}

/**
 * Decides a subscribe request against the stored subscription (or none): the state to store (undefined when
 * nothing changes) and which e-mail to send. An expired pending subscription counts as absent.
 */
export function decideSubscribe(
  existing: Subscription | undefined,
  req: SubscribeRequest,
  now: number,
  policy: SubscribePolicy,
): { next?: Subscription; mail: SubscribeMail } {
  const current = existing && !isExpired(existing, now) ? existing : undefined;
  const status = current ? transition(current.status, 'subscribe') : 'pending';
  if (status === undefined) return { mail: 'none' };
  const slot = takeMailSlot(existing?.mailLog ?? [], now, policy.cooldown);
  if (status === 'confirmed' && current) {
    if (!slot.allowed) return { mail: 'none' };
    return { next: { ...current, mailLog: slot.log, updatedAt: now }, mail: 'alreadySubscribed' };
  }
  // A pending address asking again within the cooldown, in the same language: nothing to mail, nothing to change.
  if (!slot.allowed && current?.status === 'pending' && current.language === req.language) return { mail: 'none' };
  // New, expired, unsubscribed or bounced address, or a pending one asking again: (re)start the opt-in.
  const base = current ?? existing;
  const next: Subscription = {
    id: req.id,
    email: req.email,
    language: req.language,
    status: 'pending',
    version: existing?.version ?? 0,
    createdAt: base?.createdAt ?? now,
    updatedAt: now,
    mailLog: slot.log,
    consent: { ...req.consent, language: req.language, requestedAt: now },
    ...(base?.unsubscribedAt === undefined ? {} : { unsubscribedAt: base.unsubscribedAt }),
    ...(base?.transientBounces === undefined ? {} : { transientBounces: base.transientBounces }),
    // The window runs from the latest confirmation e-mail actually sent.
    expiresAt: slot.allowed ? now + policy.pendingExpiryMs : (current?.expiresAt ?? now + policy.pendingExpiryMs),
  };
  return { next, mail: slot.allowed ? 'confirm' : 'none' };
}

/** Confirms a pending subscription; undefined when the status does not allow it. */
export function applyConfirm(sub: Subscription, now: number): Subscription | undefined {
  if (isExpired(sub, now)) return undefined;
  if (sub.status === 'confirmed') return sub;
  if (transition(sub.status, 'confirm') !== 'confirmed') return undefined;
  const { expiresAt: _dropped, ...rest } = sub;
  return {
    ...rest,
    status: 'confirmed',
    confirmedAt: now,
    updatedAt: now,
    consent: { ...sub.consent, confirmedAt: now },
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
