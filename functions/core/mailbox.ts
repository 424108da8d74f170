import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing, SigningKey } from './tokens.ts';

// `u-<subscriber id, hex>-<truncated HMAC, hex>`: 55 characters, within the 64 of an SMTP local part, and only
// lower-case letters, digits and hyphens, so a mail system that folds the case of an address does not break it.
const LOCAL_PART = /^u-([0-9a-f]{32})-([0-9a-f]{20})$/;
const ID_BYTES = 16;
const MAC_BYTES = 10;

function mac(key: SigningKey, idHex: string): Buffer {
  // Purpose-bound: this MAC can never be confused with a link token's (different signed text).
  return createHmac('sha256', key.secret).update(`mailbox.unsubscribe.${idHex}`).digest().subarray(0, MAC_BYTES);
}

/** The reader's unsubscribe address at `domain`; undefined for an id that is not a 16-byte subscriber id. */
export function unsubscribeAddress(ring: KeyRing, subscriberId: string, domain: string): string | undefined {
  const id = Buffer.from(subscriberId, 'base64url');
  if (id.length !== ID_BYTES || id.toString('base64url') !== subscriberId) return undefined;
  const hex = id.toString('hex');
  return `u-${hex}-${mac(ring.current, hex).toString('hex')}@${domain.toLowerCase()}`;
}

/** What an inbound recipient address is: a reader's unsubscribe address, one that only looks like it, or other. */
export type MailboxReading = { kind: 'reader'; subscriberId: string } | { kind: 'forged' } | { kind: 'other' };

/**
 * Reads an address of `domain`: a `u-…` local part whose MAC verifies under any key of the ring (so rotated keys keep
 * working) names that reader; a `u-…` one that does not verify is forged; anything else is some other address.
 */
export function readUnsubscribeAddress(ring: KeyRing, address: string, domain: string): MailboxReading {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return { kind: 'other' };
  const local = address.slice(0, at).toLowerCase();
  if (!local.startsWith('u-')) return { kind: 'other' };
  const match = LOCAL_PART.exec(local);
  if (!match) return { kind: 'forged' };
  const [, idHex = '', given = ''] = match;
  const givenMac = Buffer.from(given, 'hex');
  for (const key of [ring.current, ...ring.previous]) {
    if (timingSafeEqual(givenMac, mac(key, idHex))) {
      return { kind: 'reader', subscriberId: Buffer.from(idHex, 'hex').toString('base64url') };
    }
  }
  return { kind: 'forged' };
}
