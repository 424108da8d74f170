import type { SealedAddress } from '../../core/sealed-address.ts';

/**
 * Seals a subscribe request's address for the confirmation queue with the current data key's public request key:
 * the subscribe function can seal, not open (only the confirmation mailer, which unwraps the data key, opens it).
 */
export interface RequestSealer {
  seal(address: string, requestId: string): SealedAddress;
}
