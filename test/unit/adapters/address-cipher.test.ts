import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcmAddressCipher } from '../../../functions/adapters/crypto/address-cipher.ts';
import { LocalDataKeyProvider, wrapDataKey } from '../../../functions/adapters/local-key/data-key-provider.ts';
import { AddressUnreadableError, ConfigError } from '../../../functions/core/errors.ts';
import { isSealed, type SealedAddress } from '../../../functions/core/sealed-address.ts';

const k1 = { id: 'd1', key: randomBytes(32) };
const k2 = { id: 'd2', key: randomBytes(32) };

describe('AesGcmAddressCipher', () => {
  it('seals an address bound to its record, with the key version beside it, and opens it again', () => {
    const cipher = new AesGcmAddressCipher([k1]);
    const sealed = cipher.seal('Reader.One@Example.org', 'sub-a');
    expect(sealed).toMatch(/^a1\.d1\.[A-Za-z0-9_-]+$/);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.toLowerCase()).not.toContain('reader');
    expect(cipher.open(sealed, 'sub-a')).toBe('Reader.One@Example.org');
    // A fresh IV each time: two seals of one address do not compare equal.
    expect(cipher.seal('Reader.One@Example.org', 'sub-a')).not.toBe(sealed);
  });

  it('does not open a ciphertext copied onto another subscriber', () => {
    const cipher = new AesGcmAddressCipher([k1]);
    const sealed = cipher.seal('victim@example.org', 'sub-a');
    expect(() => cipher.open(sealed, 'sub-b')).toThrow(AddressUnreadableError);
  });

  it('does not open a tampered ciphertext, a relabelled key version, or one under a key it does not hold', () => {
    const cipher = new AesGcmAddressCipher([k2, k1]);
    const sealed = cipher.seal('reader@example.org', 'sub-a');
    const body = sealed.slice(sealed.lastIndexOf('.') + 1);
    const flipped = Buffer.from(body, 'base64url');
    flipped[14] = (flipped[14] as number) ^ 1;
    expect(() => cipher.open(`a1.d2.${flipped.toString('base64url')}` as SealedAddress, 'sub-a')).toThrow(
      AddressUnreadableError,
    );
    expect(() => cipher.open(`a1.d1.${body}` as SealedAddress, 'sub-a')).toThrow(AddressUnreadableError);
    expect(() => new AesGcmAddressCipher([k1]).open(sealed, 'sub-a')).toThrow(/unknown_key/);
    expect(() => cipher.open('a1.d2' as SealedAddress, 'sub-a')).toThrow(/malformed/);
  });

  it('after a rotation seals under the new key and still opens what the old one sealed', () => {
    const before = new AesGcmAddressCipher([k1]).seal('old@example.org', 'sub-a');
    const after = new AesGcmAddressCipher([k2, k1]);
    expect(after.currentKey).toBe('d2');
    expect(after.seal('new@example.org', 'sub-b')).toMatch(/^a1\.d2\./);
    expect(after.open(before, 'sub-a')).toBe('old@example.org');
  });

  it('refuses to start without a 256-bit data key', () => {
    expect(() => new AesGcmAddressCipher([])).toThrow(ConfigError);
    expect(() => new AesGcmAddressCipher([{ id: 'd1', key: randomBytes(16) }])).toThrow(/not 256 bits/);
  });
});

describe('LocalDataKeyProvider', () => {
  it('unwraps the data keys with the local wrapping key, and not with another one', async () => {
    const wrappingKey = randomBytes(32);
    const wrapped = [wrapDataKey(wrappingKey, 'd2', k2.key), wrapDataKey(wrappingKey, 'd1', k1.key)];
    expect(JSON.stringify(wrapped)).not.toContain(k1.key.toString('base64url'));
    const keys = await new LocalDataKeyProvider(wrappingKey, wrapped).unwrap();
    expect(keys.map((k) => [k.id, Buffer.from(k.key).toString('hex')])).toEqual([
      ['d2', k2.key.toString('hex')],
      ['d1', k1.key.toString('hex')],
    ]);
    await expect(new LocalDataKeyProvider(randomBytes(32), wrapped).unwrap()).rejects.toThrow(/does not unwrap/);
  });
});
