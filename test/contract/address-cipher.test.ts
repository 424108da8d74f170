import { afterEach, describe, expect, it } from 'vitest';
import { AesGcmAddressCipher } from '../../functions/adapters/crypto/address-cipher.ts';
import type { AddressCipher } from '../../functions/app/ports/address-cipher.ts';
import type { WrappedDataKey } from '../../functions/app/ports/data-key-provider.ts';
import { AddressUnreadableError } from '../../functions/core/errors.ts';
import { type SealedAddress, sealedKeyOf } from '../../functions/core/sealed-address.ts';
import { createAddressCipher } from '../../functions/wiring/address-cipher.ts';
import { fixedKey, type KeySource, kmsKeySource, localKeySource } from '../support/key-sources.ts';

/** Ciphers over the data keys of the given versions (newest first; the same key for a version every time). */
interface CipherUnderTest {
  cipher(versions: readonly string[]): Promise<AddressCipher>;
  close(): Promise<void>;
}

const ADDRESS = 'Łukasz.Reader+weekly@example.org';

/** `sealed` with one character of its body changed. */
function altered(sealed: SealedAddress): SealedAddress {
  const at = sealed.length - 5;
  return `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}` as SealedAddress;
}

/**
 * The address cipher's contract: it seals an address into a value that holds nothing of it, differs at each seal
 * and names the current key; that value opens to the address for its own record only; an altered value, another
 * record's or one under a key the cipher lacks throws AddressUnreadableError; after a rotation the new key seals and
 * the old still opens.
 */
export function describeAddressCipher(name: string, make: () => Promise<CipherUnderTest>): void {
  describe(`address cipher: ${name}`, () => {
    let under: CipherUnderTest | undefined;
    afterEach(async () => {
      await under?.close();
    });

    it('seals an address into a value without it, under its current key, that opens for its record', async () => {
      under = await make();
      const cipher = await under.cipher(['d1']);
      const sealed = cipher.seal(ADDRESS, 'sub-1');
      expect(sealed).not.toMatch(/@|ukasz|example/i);
      expect(cipher.seal(ADDRESS, 'sub-1')).not.toBe(sealed);
      expect(sealedKeyOf(sealed)).toBe(cipher.currentKey);
      expect(cipher.currentKey).toBe('d1');
      expect(cipher.open(sealed, 'sub-1')).toBe(ADDRESS);
    });

    it('does not open a sealed address for another record, nor an altered one', async () => {
      under = await make();
      const cipher = await under.cipher(['d1']);
      const sealed = cipher.seal(ADDRESS, 'sub-1');
      expect(() => cipher.open(sealed, 'sub-2')).toThrow(AddressUnreadableError);
      expect(() => cipher.open(altered(sealed), 'sub-1')).toThrow(AddressUnreadableError);
    });

    it('after a rotation seals under the new key and still opens the old key’s; without the old key it cannot', async () => {
      under = await make();
      const old = (await under.cipher(['d1'])).seal(ADDRESS, 'sub-1');
      const rotated = await under.cipher(['d2', 'd1']);
      expect(rotated.currentKey).toBe('d2');
      expect(sealedKeyOf(rotated.seal(ADDRESS, 'sub-1'))).toBe('d2');
      expect(rotated.open(old, 'sub-1')).toBe(ADDRESS);
      expect(() => rotated.open(old, 'sub-2')).toThrow(AddressUnreadableError);
      const withoutOld = await under.cipher(['d2']);
      expect(() => withoutOld.open(old, 'sub-1')).toThrow(AddressUnreadableError);
    });
  });
}

/** The cipher a function builds (wiring/address-cipher.ts) from the source's secret, a key minted once per version. */
function on(source: () => Promise<KeySource>): () => Promise<CipherUnderTest> {
  return async () => {
    const keys = await source();
    const minted = new Map<string, Promise<WrappedDataKey>>();
    const mint = (id: string) => minted.get(id) ?? (minted.set(id, keys.mint(id)).get(id) as Promise<WrappedDataKey>);
    return {
      async cipher(versions) {
        const listed = await Promise.all(versions.map(mint));
        return createAddressCipher(keys.secrets(listed), keys.config);
      },
      close: () => keys.close(),
    };
  };
}

describeAddressCipher('AES-GCM adapter on keys unwrapped by the KMS stand-in', on(kmsKeySource));
describeAddressCipher('AES-GCM adapter on keys unwrapped with the local wrapping key', on(localKeySource));
// No in-memory twin: the in-memory tests use this adapter itself on fixed keys (testCipher; docs/architecture.md).
describeAddressCipher('AES-GCM adapter on the in-memory tests’ fixed keys', async () => ({
  cipher: async (versions) => new AesGcmAddressCipher(versions.map((id) => ({ id, key: fixedKey(id) }))),
  close: async () => undefined,
}));
