import type { SealedAddress } from '../../core/sealed-address.ts';

/**
 * Seals and opens stored e-mail addresses: AES-256-GCM under the current data key, bound to the record that holds
 * the address (a subscriber id, a request id), so a ciphertext moved onto another record does not open. Built only
 * in the functions that must mail or export a reader (see wiring/address-cipher.ts).
 */
export interface AddressCipher {
  /** The data key version new addresses are sealed under. */
  readonly currentKey: string;
  seal(address: string, recordId: string): SealedAddress;
  /** The clear address; throws AddressUnreadableError for another record's, a tampered or an unknown key's. */
  open(sealed: SealedAddress, recordId: string): string;
}
