import { AesGcmAddressCipher } from '../../functions/adapters/crypto/address-cipher.ts';
import type { SealedAddress } from '../../functions/core/sealed-address.ts';

/** The address cipher of the in-memory tests: one fixed data key `t1` (never a deployment's). */
export const testCipher = new AesGcmAddressCipher([{ id: 't1', key: Buffer.alloc(32, 7) }]);

/** `email` sealed to the record `id` under the test key. */
export function sealed(email: string, id: string): SealedAddress {
  return testCipher.seal(email, id);
}

/** The clear address of a subscription sealed under the test key ('' for none). */
export function addressOf(sub: { readonly id: string; readonly address: SealedAddress } | undefined): string {
  return sub ? testCipher.open(sub.address, sub.id) : '';
}
