import { AesGcmAddressCipher } from '../../functions/adapters/crypto/address-cipher.ts';
import { requestKeyPair } from '../../functions/adapters/crypto/request-box.ts';
import { X25519RequestSealer } from '../../functions/adapters/crypto/request-sealer.ts';
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

/** What subscribe seals queued requests with in the in-memory tests (the test key's public request key). */
export const testSealer = new X25519RequestSealer({
  id: 't1',
  requestKey: requestKeyPair(Buffer.alloc(32, 7)).publicKey,
});

/** A queued request's clear address (the test key opens it). */
export function requestAddress(request: { readonly requestId: string; readonly address: string }): string {
  return testCipher.open(request.address as SealedAddress, request.requestId);
}
