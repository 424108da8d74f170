import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError } from '../../../functions/core/errors.ts';
import { issueToken, type KeyRing, verifyToken } from '../../../functions/core/tokens.ts';

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
