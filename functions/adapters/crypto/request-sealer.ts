import type { KeyObject } from 'node:crypto';
import type { RequestSealer } from '../../app/ports/request-sealer.ts';
import { ConfigError } from '../../core/errors.ts';
import type { SealedAddress } from '../../core/sealed-address.ts';
import { requestPublicKey, sealRequest } from './request-box.ts';

/** Seals to the first data key's public request key (X25519); holds no data key. */
export class X25519RequestSealer implements RequestSealer {
  private readonly keyId: string;
  /** The request key imported once (an import per request was a tenth of subscribe's CPU). */
  private readonly recipient: KeyObject;

  constructor(current: { readonly id: string; readonly requestKey?: string } | undefined) {
    if (!current?.requestKey) throw new ConfigError('secret has no dataKeys[0].requestKey: requests cannot be sealed');
    this.keyId = current.id;
    try {
      this.recipient = requestPublicKey(current.requestKey);
    } catch (cause) {
      throw new ConfigError('secret dataKeys[0].requestKey is not an X25519 public key', { cause });
    }
  }

  seal(address: string, requestId: string): SealedAddress {
    return sealRequest(this.keyId, this.recipient, address, requestId);
  }
}
