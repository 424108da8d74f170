import { describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../../functions/core/identity.ts';
import { readUnsubscribeAddress, unsubscribeAddress } from '../../../functions/core/mailbox.ts';
import type { KeyRing } from '../../../functions/core/tokens.ts';

const k1 = { id: 'k1', secret: 'a'.repeat(43) };
const k2 = { id: 'k2', secret: 'b'.repeat(43) };
const ring: KeyRing = { current: k1, previous: [] };
const DOMAIN = 'inbound.example.org';
const id = subscriberIdFor(new Uint8Array(32), 'reader@example.net');

describe('reader unsubscribe addresses', () => {
  it('are short lower-case addresses of the inbound domain that name their reader', () => {
    const address = unsubscribeAddress(ring, id, 'Inbound.Example.org') as string;
    expect(address).toMatch(/^u-[0-9a-f]{32}-[0-9a-f]{20}@inbound\.example\.org$/);
    expect(address.split('@')[0]?.length).toBeLessThanOrEqual(64);
    expect(readUnsubscribeAddress(ring, address, DOMAIN)).toEqual({ kind: 'reader', subscriberId: id });
  });

  it('survive a mail system that changes the case of the address', () => {
    const address = (unsubscribeAddress(ring, id, DOMAIN) as string).toUpperCase();
    expect(readUnsubscribeAddress(ring, address, DOMAIN)).toEqual({ kind: 'reader', subscriberId: id });
  });

  it('keep working after the signing key rotates, until that key is retired', () => {
    const address = unsubscribeAddress(ring, id, DOMAIN) as string;
    expect(readUnsubscribeAddress({ current: k2, previous: [k1] }, address, DOMAIN)).toMatchObject({ kind: 'reader' });
    expect(readUnsubscribeAddress({ current: k2, previous: [] }, address, DOMAIN)).toEqual({ kind: 'forged' });
  });

  it('reject a tampered id or MAC, and a bare u- address, as forged', () => {
    const address = unsubscribeAddress(ring, id, DOMAIN) as string;
    const other = unsubscribeAddress(ring, subscriberIdFor(new Uint8Array(32), 'other@example.net'), DOMAIN) as string;
    const spliced = `${other.slice(0, 35)}${address.slice(35)}`;
    const flipped = address.replace(/-([0-9a-f])([0-9a-f]{19})@/, (_, c: string, rest: string) => {
      return `-${c === '0' ? '1' : '0'}${rest}@`;
    });
    for (const bad of [spliced, flipped, `u-${'0'.repeat(32)}-${'0'.repeat(20)}@${DOMAIN}`, `u-abc@${DOMAIN}`]) {
      expect(readUnsubscribeAddress(ring, bad, DOMAIN), bad).toEqual({ kind: 'forged' });
    }
  });

  it('tell other addresses and other domains apart from reader addresses', () => {
    const address = unsubscribeAddress(ring, id, DOMAIN) as string;
    expect(readUnsubscribeAddress(ring, `fbl@${DOMAIN}`, DOMAIN)).toEqual({ kind: 'other' });
    expect(readUnsubscribeAddress(ring, address.replace(DOMAIN, 'example.org'), DOMAIN)).toEqual({ kind: 'other' });
    expect(readUnsubscribeAddress(ring, 'no-at-sign', DOMAIN)).toEqual({ kind: 'other' });
  });

  it('are not made for an id that is not a subscriber id', () => {
    expect(unsubscribeAddress(ring, 'short', DOMAIN)).toBeUndefined();
  });
});
