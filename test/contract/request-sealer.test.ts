import { afterEach, describe, expect, it } from 'vitest';
import { AesGcmAddressCipher } from '../../functions/adapters/crypto/address-cipher.ts';
import { requestKeyPair } from '../../functions/adapters/crypto/request-box.ts';
import { X25519RequestSealer } from '../../functions/adapters/crypto/request-sealer.ts';
import type { AddressCipher } from '../../functions/app/ports/address-cipher.ts';
import type { RequestSealer } from '../../functions/app/ports/request-sealer.ts';
import { AddressUnreadableError } from '../../functions/core/errors.ts';
import { type SealedAddress, sealedKeyOf } from '../../functions/core/sealed-address.ts';
import { createAddressCipher } from '../../functions/wiring/address-cipher.ts';
import { fixedKey, type KeySource, kmsKeySource, localKeySource } from '../support/key-sources.ts';

/** What subscribe seals with (the newest data key's public request key) and what the confirmation mailer opens with. */
interface SealerUnderTest {
  readonly sealer: RequestSealer;
  readonly opener: AddressCipher;
  close(): Promise<void>;
}

const ADDRESS = 'Ana.Reader@example.org';

function altered(sealed: SealedAddress): SealedAddress {
  const at = sealed.length - 5;
  return `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}` as SealedAddress;
}

/**
 * The request sealer's contract: it seals a request's address, holding no data key, into a value with nothing of
 * the address in it, different at each seal, naming the newest data key; the holder of that data key opens it for
 * that request only; an altered value does not open.
 */
export function describeRequestSealer(name: string, make: () => Promise<SealerUnderTest>): void {
  describe(`request sealer: ${name}`, () => {
    let under: SealerUnderTest | undefined;
    afterEach(async () => {
      await under?.close();
    });

    it('seals an address the data key’s holder opens for that request, naming the newest key', async () => {
      under = await make();
      const sealed = under.sealer.seal(ADDRESS, 'req-1');
      expect(sealed).not.toMatch(/@|Reader|example/i);
      expect(under.sealer.seal(ADDRESS, 'req-1')).not.toBe(sealed);
      expect(sealedKeyOf(sealed)).toBe(under.opener.currentKey);
      expect(under.opener.open(sealed, 'req-1')).toBe(ADDRESS);
    });

    it('does not open for another request, nor altered', async () => {
      under = await make();
      const sealed = under.sealer.seal(ADDRESS, 'req-1');
      expect(() => under?.opener.open(sealed, 'req-2')).toThrow(AddressUnreadableError);
      expect(() => under?.opener.open(altered(sealed), 'req-1')).toThrow(AddressUnreadableError);
    });
  });
}

/** As wired: subscribe's sealer on the secret's newest key (wiring/subscription.ts), the mailer's cipher on the same. */
function on(source: () => Promise<KeySource>): () => Promise<SealerUnderTest> {
  return async () => {
    const keys = await source();
    const secrets = keys.secrets([await keys.mint('d2'), await keys.mint('d1')]);
    return {
      sealer: new X25519RequestSealer(secrets.dataKeys[0]),
      opener: await createAddressCipher(secrets, keys.config),
      close: () => keys.close(),
    };
  };
}

describeRequestSealer('X25519 adapter, opened with keys unwrapped by the KMS stand-in', on(kmsKeySource));
describeRequestSealer('X25519 adapter, opened with keys unwrapped with the local wrapping key', on(localKeySource));
// No in-memory twin: the in-memory tests use this adapter itself on a fixed key (testSealer; docs/architecture.md).
describeRequestSealer('X25519 adapter on the in-memory tests’ fixed key', async () => ({
  sealer: new X25519RequestSealer({ id: 't1', requestKey: requestKeyPair(fixedKey('t1')).publicKey }),
  opener: new AesGcmAddressCipher([{ id: 't1', key: fixedKey('t1') }]),
  close: async () => undefined,
}));
