import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, InvalidTokenError } from './errors.ts';

/**
 * What a token may be used for: confirming a subscription, managing one (unsubscribe, language), erasing everything
 * held about a reader (its subject then names the reader and their canonical mailbox), or holding an edition from an
 * editor's preview e-mail (its subject is then the edition, not a subscriber).
 */
export type TokenPurpose = 'confirm' | 'manage' | 'erase' | 'hold';

/** A signing key; `id` travels in the token so keys can rotate. */
export interface SigningKey {
  readonly id: string;
  readonly secret: string;
}

/** The current key signs; it and the previous ones verify. */
export interface KeyRing {
  readonly current: SigningKey;
  readonly previous: readonly SigningKey[];
}

/**
 * The ring from the configured keys: `explicit` newest first (the first signs), then the key derived from the master
 * secret, which keeps verifying after the first rotation. A key stops verifying only when its id is in `retired`
 * (links already in mailboxes die with it, so that is a deliberate act); an explicit key with the derived key's id
 * replaces it. Throws when the key that would sign is retired or no key is left.
 */
export function buildKeyRing(
  derived: SigningKey,
  explicit: readonly SigningKey[] = [],
  retired: readonly string[] = [],
): KeyRing {
  const all = [...explicit, ...(explicit.some((k) => k.id === derived.id) ? [] : [derived])];
  const seen = new Set<string>();
  const unique = all.filter((k) => !seen.has(k.id) && seen.add(k.id));
  if (unique.length !== all.length) throw new ConfigError('secret is invalid: a token key id is listed twice');
  const [current, ...previous] = unique;
  if (!current) throw new ConfigError('secret is invalid: no token key');
  if (retired.includes(current.id))
    throw new ConfigError(`secret is invalid: the signing key ${current.id} is retired`);
  return { current, previous: previous.filter((k) => !retired.includes(k.id)) };
}

/** The verified contents of a token. */
export interface TokenClaims {
  readonly purpose: TokenPurpose;
  readonly subscriberId: string;
  /** Issue time, epoch milliseconds. */
  readonly issuedAt: number;
  /** Expiry, epoch milliseconds; absent for tokens that do not expire. */
  readonly expiresAt?: number;
  readonly keyId: string;
}

const VERSION = 't1';
const PART = /^[A-Za-z0-9_-]+$/;

function sign(secret: string, purpose: string, body: string): Buffer {
  // The purpose is part of the signed text as well as of the body: a token can never change purpose.
  return createHmac('sha256', secret).update(`${VERSION}.${purpose}.${body}`).digest();
}

/** Signs a token: `t1.<purpose>.<payload>.<mac>`, all URL-safe. */
export function issueToken(ring: KeyRing, claims: Omit<TokenClaims, 'keyId'>): string {
  const fields = [
    claims.subscriberId,
    claims.issuedAt.toString(36),
    claims.expiresAt?.toString(36) ?? '',
    ring.current.id,
  ];
  const body = Buffer.from(fields.join('.')).toString('base64url');
  const mac = sign(ring.current.secret, claims.purpose, body).toString('base64url');
  return `${VERSION}.${claims.purpose}.${body}.${mac}`;
}

/** Verifies signature (constant time), purpose and expiry; throws InvalidTokenError on any failure. */
export function verifyToken(ring: KeyRing, token: unknown, purpose: TokenPurpose, now: number): TokenClaims {
  if (typeof token !== 'string' || token.length > 512) throw new InvalidTokenError('malformed');
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new InvalidTokenError('malformed');
  const [, tokenPurpose = '', body = '', mac = ''] = parts;
  if (!PART.test(body) || !PART.test(mac)) throw new InvalidTokenError('malformed');
  const fields = Buffer.from(body, 'base64url').toString('utf8').split('.');
  if (fields.length !== 4) throw new InvalidTokenError('malformed');
  const [subscriberId = '', iat = '', exp = '', keyId = ''] = fields;
  const key = [ring.current, ...ring.previous].find((k) => k.id === keyId);
  if (!key) throw new InvalidTokenError('unknown_key');
  const expected = sign(key.secret, tokenPurpose, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError('signature');
  if (tokenPurpose !== purpose) throw new InvalidTokenError('purpose');
  const issuedAt = Number.parseInt(iat, 36);
  const expiresAt = exp === '' ? undefined : Number.parseInt(exp, 36);
  if (!subscriberId || !Number.isFinite(issuedAt) || (expiresAt !== undefined && !Number.isFinite(expiresAt))) {
    throw new InvalidTokenError('malformed');
  }
  if (expiresAt !== undefined && expiresAt <= now) throw new InvalidTokenError('expired');
  return { purpose, subscriberId, issuedAt, keyId, ...(expiresAt === undefined ? {} : { expiresAt }) };
}
