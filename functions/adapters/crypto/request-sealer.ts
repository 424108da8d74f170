import type { RequestSealer } from '../../app/ports/request-sealer.ts';
import { ConfigError } from '../../core/errors.ts';
import type { SealedAddress } from '../../core/sealed-address.ts';
import { sealRequest } from './request-box.ts';

/** Seals to the first data key's public request key (X25519); holds no data key. */
export class X25519RequestSealer implements RequestSealer {
  constructor(private readonly current: { readonly id: string; readonly requestKey?: string } | undefined) {
    if (!current?.requestKey) throw new ConfigError('secret has no dataKeys[0].requestKey: requests cannot be sealed');
  }

  seal(address: string, requestId: string): SealedAddress {
    const { id, requestKey } = this.current as { id: string; requestKey: string };
    return sealRequest(id, requestKey, address, requestId);
  }
}
