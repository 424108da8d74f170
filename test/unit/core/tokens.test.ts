import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSecrets } from '../../../functions/adapters/secrets.ts';
import { InvalidTokenError } from '../../../functions/core/errors.ts';
import { buildKeyRing, issueToken, type KeyRing, verifyToken } from '../../../functions/core/tokens.ts';

const k1 = { id: 'k1', secret: 'a'.repeat(43) };
const k2 = { id: 'k2', secret: 'b'.repeat(43) };
const ring: KeyRing = { current: k1, previous: [] };
const now = Date.UTC(2026, 10, 27);

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('signed tokens', () => {
  it('round-trips purpose, subscriber, issue time and expiry', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('confirm' as const, 'manage' as const),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('.')),
        fc.integer({ min: 0, max: now }),
        fc.option(fc.integer({ min: now + 1, max: now * 2 }), { nil: undefined }),
        (purpose, subscriberId, issuedAt, expiresAt) => {
          const token = issueToken(ring, { purpose, subscriberId, issuedAt, ...(expiresAt ? { expiresAt } : {}) });
          expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
          expect(verifyToken(ring, token, purpose, now)).toEqual({
            purpose,
            subscriberId,
            issuedAt,
            keyId: 'k1',
            ...(expiresAt ? { expiresAt } : {}),
          });
        },
      ),
    );
  });

  it('rejects a token signed with an unknown key (forged)', () => {
    const forged = issueToken(
      { current: { id: 'k1', secret: 'x'.repeat(43) }, previous: [] },
      {
        purpose: 'manage',
        subscriberId: 's1',
        issuedAt: now,
      },
    );
    expect(reason(() => verifyToken(ring, forged, 'manage', now))).toBe('signature');
  });

  it('rejects a token whose payload was changed (tampered)', () => {
    const token = issueToken(ring, { purpose: 'manage', subscriberId: 's1', issuedAt: now });
    const [v, p, , mac] = token.split('.');
    const otherBody = Buffer.from(`s2.${now.toString(36)}..k1`).toString('base64url');
    expect(reason(() => verifyToken(ring, `${v}.${p}.${otherBody}.${mac}`, 'manage', now))).toBe('signature');
    const flipped = token.slice(0, -2) + (token.endsWith('A') ? 'B' : 'A') + token.slice(-1);
    expect(reason(() => verifyToken(ring, flipped, 'manage', now))).not.toBe('accepted');
  });

  it('rejects an expired confirm token', () => {
    const token = issueToken(ring, { purpose: 'confirm', subscriberId: 's1', issuedAt: now - 10, expiresAt: now });
    expect(reason(() => verifyToken(ring, token, 'confirm', now))).toBe('expired');
  });

  it('rejects a token used for another purpose, even with the purpose field rewritten', () => {
    const confirm = issueToken(ring, { purpose: 'confirm', subscriberId: 's1', issuedAt: now, expiresAt: now + 1000 });
    expect(reason(() => verifyToken(ring, confirm, 'manage', now))).toBe('purpose');
    expect(reason(() => verifyToken(ring, confirm.replace('.confirm.', '.manage.'), 'manage', now))).toBe('signature');
  });

  it('verifies tokens of the previous key after rotation and signs with the new one', () => {
    const old = issueToken(ring, { purpose: 'manage', subscriberId: 's1', issuedAt: now });
    const rotated: KeyRing = { current: k2, previous: [k1] };
    expect(verifyToken(rotated, old, 'manage', now).keyId).toBe('k1');
    expect(
      verifyToken(rotated, issueToken(rotated, { purpose: 'manage', subscriberId: 's1', issuedAt: now }), 'manage', now)
        .keyId,
    ).toBe('k2');
    expect(reason(() => verifyToken({ current: k2, previous: [] }, old, 'manage', now))).toBe('unknown_key');
  });

  it.each([undefined, 42, '', 'abc', 't1.manage.x', 't2.manage.YQ.YQ', `t1.manage.${'A'.repeat(600)}.x`])(
    'rejects the malformed value %j',
    (value) => {
      expect(reason(() => verifyToken(ring, value, 'manage', now))).not.toBe('accepted');
    },
  );
});

describe('key rotation from the stored secret', () => {
  const master = 'm'.repeat(43);
  const manage = (r: KeyRing) => issueToken(r, { purpose: 'manage', subscriberId: 's1', issuedAt: now });

  it('keeps the key derived from master verifying after the first tokenKeys entry, which signs', () => {
    const before = parseSecrets(JSON.stringify({ master })).ring;
    const old = manage(before);
    const after = parseSecrets(JSON.stringify({ master, tokenKeys: [k2] })).ring;
    expect(verifyToken(after, old, 'manage', now).keyId).toBe('k1');
    expect(verifyToken(after, manage(after), 'manage', now).keyId).toBe('k2');
    const third = parseSecrets(JSON.stringify({ master, tokenKeys: [{ id: 'k3', secret: 'c'.repeat(43) }, k2] })).ring;
    expect(verifyToken(third, old, 'manage', now).keyId).toBe('k1');
    expect(verifyToken(third, manage(after), 'manage', now).keyId).toBe('k2');
  });

  it('stops verifying a key only when its id is listed in retiredKeys', () => {
    const old = manage(parseSecrets(JSON.stringify({ master })).ring);
    const retired = parseSecrets(JSON.stringify({ master, tokenKeys: [k2], retiredKeys: ['k1'] })).ring;
    expect(reason(() => verifyToken(retired, old, 'manage', now))).toBe('unknown_key');
    expect(verifyToken(retired, manage(retired), 'manage', now).keyId).toBe('k2');
  });

  it('refuses a secret whose signing key is retired or whose key ids repeat, naming the problem', () => {
    expect(() => parseSecrets(JSON.stringify({ master, retiredKeys: ['k1'] }))).toThrow(
      'secret is invalid: the signing key k1 is retired',
    );
    expect(() => parseSecrets(JSON.stringify({ master, tokenKeys: [k2, k2] }))).toThrow(
      'secret is invalid: a token key id is listed twice',
    );
  });

  it('lets an explicit key with the derived key id replace it', () => {
    const derived = { id: 'k1', secret: 'd'.repeat(43) };
    expect(buildKeyRing(derived, [k2, k1])).toEqual({ current: k2, previous: [k1] });
    expect(buildKeyRing(derived, [k2])).toEqual({ current: k2, previous: [derived] });
  });
});
