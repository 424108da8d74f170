import { afterEach, describe, expect, it } from 'vitest';
import { requestKeyPair } from '../../functions/adapters/crypto/request-box.ts';
import type { DataKeyProvider, WrappedDataKey } from '../../functions/app/ports/data-key-provider.ts';
import { dataKeyProvider } from '../../functions/wiring/address-cipher.ts';
import { type KeySource, kmsKeySource, localKeySource } from '../support/key-sources.ts';

/** Minting data keys as a deployment does, and the provider that unwraps a list of them. */
interface ProviderUnderTest {
  mint(id: string): Promise<WrappedDataKey>;
  provider(keys: readonly WrappedDataKey[]): DataKeyProvider;
  close(): Promise<void>;
}

/** `wrapped` with one of its bytes changed. */
function altered(key: WrappedDataKey): WrappedDataKey {
  const encoding = /[-_]/.test(key.wrapped) ? 'base64url' : 'base64';
  const bytes = Buffer.from(key.wrapped, encoding);
  bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 1;
  return { ...key, wrapped: bytes.toString(encoding) };
}

/**
 * The data-key provider's contract: it unwraps the listed data keys, newest first as listed, each to the 256-bit key
 * it was minted as (the one its public request key was derived from), and refuses a wrapped key that was altered or
 * is listed under another version than it was minted for (a key is bound to its version).
 */
export function describeDataKeyProvider(name: string, make: () => Promise<ProviderUnderTest>): void {
  describe(`data-key provider: ${name}`, () => {
    let under: ProviderUnderTest | undefined;
    afterEach(async () => {
      await under?.close();
    });

    it('unwraps every listed key, in the listed order, to the key it was minted as', async () => {
      under = await make();
      const d1 = await under.mint('d1');
      const d2 = await under.mint('d2');
      const keys = await under.provider([d2, d1]).unwrap();
      expect(keys.map((k) => k.id)).toEqual(['d2', 'd1']);
      expect(keys.map((k) => k.key.length)).toEqual([32, 32]);
      expect(keys.map((k) => requestKeyPair(k.key).publicKey)).toEqual([d2.requestKey, d1.requestKey]);
    });

    it('refuses a key listed under another version than it was minted for', async () => {
      under = await make();
      const d1 = await under.mint('d1');
      await expect(under.provider([{ ...d1, id: 'd2' }]).unwrap()).rejects.toThrow();
    });

    it('refuses a wrapped key whose bytes were altered', async () => {
      under = await make();
      const d1 = await under.mint('d1');
      await expect(under.provider([altered(d1)]).unwrap()).rejects.toThrow();
    });
  });
}

/** The provider the functions' wiring picks for the source's secret and configuration. */
function on(source: () => Promise<KeySource>): () => Promise<ProviderUnderTest> {
  return async () => {
    const keys = await source();
    return {
      mint: (id) => keys.mint(id),
      provider: (listed) => dataKeyProvider(keys.secrets(listed), keys.config),
      close: () => keys.close(),
    };
  };
}

describeDataKeyProvider('KMS adapter on the KMS stand-in', on(kmsKeySource));
// LocalDataKeyProvider is the in-process one: no I/O, nothing a twin would leave out (docs/architecture.md).
describeDataKeyProvider('local wrapping key (npm start)', on(localKeySource));
