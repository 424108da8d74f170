import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcmAddressCipher } from '../../../functions/adapters/crypto/address-cipher.ts';
import { requestKeyPair } from '../../../functions/adapters/crypto/request-box.ts';
import { X25519RequestSealer } from '../../../functions/adapters/crypto/request-sealer.ts';
import { AddressUnreadableError, ConfigError } from '../../../functions/core/errors.ts';
import type { SealedAddress } from '../../../functions/core/sealed-address.ts';

const dataKey = { id: 'd1', key: randomBytes(32) };
const sealer = new X25519RequestSealer({ id: 'd1', requestKey: requestKeyPair(dataKey.key).publicKey });

describe('a queued request sealed with the public request key', () => {
  it('opens with the data key, bound to its request, and carries no address in clear', () => {
    const sealed = sealer.seal('Queued.Reader@Example.org', 'req-1');
    expect(sealed).toMatch(/^r1\.d1\.[A-Za-z0-9_-]+$/);
    expect(sealed.toLowerCase()).not.toContain('queued');
    const cipher = new AesGcmAddressCipher([dataKey]);
    expect(cipher.open(sealed, 'req-1')).toBe('Queued.Reader@Example.org');
    expect(() => cipher.open(sealed, 'req-2')).toThrow(AddressUnreadableError);
  });

  it('does not open under another data key, and the sealer alone holds nothing that opens it', () => {
    const sealed = sealer.seal('reader@example.org', 'req-1');
    const other = new AesGcmAddressCipher([{ id: 'd1', key: randomBytes(32) }]);
    expect(() => other.open(sealed, 'req-1')).toThrow(AddressUnreadableError);
    // What subscribe is given: a key id and a public key, not the data key.
    expect(JSON.stringify(sealer)).not.toContain(dataKey.key.toString('base64url'));
  });

  it('refuses to start without a request key, or with one that is not an X25519 public key', () => {
    expect(() => new X25519RequestSealer({ id: 'd1' })).toThrow(ConfigError);
    expect(() => new X25519RequestSealer(undefined)).toThrow(ConfigError);
    expect(() => new X25519RequestSealer({ id: 'd1', requestKey: 'c2hvcnQ' })).toThrow(ConfigError);
  });

  // Sealed by the earlier code (keys through DER/SPKI) before the keys went through raw JWK: the wire format is the
  // same, so a request queued before a deploy still opens after it.
  it('opens a request sealed before the keys went in and out as raw bytes, and derives the same public key', () => {
    const key = Buffer.alloc(32, 7);
    expect(requestKeyPair(key).publicKey).toBe('U_c7iMQdLPYfGZnsm_OWtJVvwKcwkPo2E_RmJbWrQk8');
    const earlier =
      'r1.d1.dX_aJ6tpPM3h7dj2PaCeHO4-Dw_AyyibPJ_MN1Do2zLNQVLmlCYMaE5WMeEGsl5NRI62lP3IKJAPPiOwZi5qJMah2c8SAhtOxzpsQkO7BUWGx-p8Ui4';
    const cipher = new AesGcmAddressCipher([{ id: 'd1', key }]);
    expect(cipher.open(earlier as SealedAddress, 'req-fixed')).toBe('Fixture.Reader@Example.org');
  });
});
