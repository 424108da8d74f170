import type { Language } from '../core/language.ts';
import { issueToken, type KeyRing } from '../core/tokens.ts';

/** A confirm link, valid for `ttlMs`. */
export function confirmUrl(publicUrl: string, ring: KeyRing, subscriberId: string, now: number, ttlMs: number): string {
  const token = issueToken(ring, { purpose: 'confirm', subscriberId, issuedAt: now, expiresAt: now + ttlMs });
  return `${publicUrl}/confirm?token=${token}`;
}

/** A manage link (unsubscribe, change language); it does not expire. */
export function manageUrl(publicUrl: string, ring: KeyRing, subscriberId: string, now: number): string {
  return `${publicUrl}/unsubscribe?token=${issueToken(ring, { purpose: 'manage', subscriberId, issuedAt: now })}`;
}

/** The erase token's subject: the reader's subscriber id and canonical mailbox id (keyed hashes, no address). */
export function eraseSubject(ids: { id: string; mailbox: string }): string {
  return `${ids.id}~${ids.mailbox}`;
}

/**
 * An erase link (purpose `erase`; it does not expire, like the manage link): the page asks before anything is
 * erased. `lang` is the e-mail's language, so the page answers in it without reading anything stored.
 */
export function eraseUrl(
  publicUrl: string,
  ring: KeyRing,
  ids: { id: string; mailbox: string },
  lang: Language,
  now: number,
): string {
  const token = issueToken(ring, { purpose: 'erase', subscriberId: eraseSubject(ids), issuedAt: now });
  return `${publicUrl}/erase?token=${token}&lang=${lang}`;
}
