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
