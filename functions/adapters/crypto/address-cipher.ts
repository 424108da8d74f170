import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';
import type { AddressCipher } from '../../app/ports/address-cipher.ts';
import type { DataKey } from '../../app/ports/data-key-provider.ts';
import { AddressUnreadableError, ConfigError } from '../../core/errors.ts';
import { type SealedAddress, sealedKeyOf } from '../../core/sealed-address.ts';
import { openRequest, requestKeyPair } from './request-box.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A stored address in clear (a record from before sealing); a sealed one never holds `@`. */
const CLEAR_ADDRESS = /^[^\s@]+@[^\s@]+$/;

/** The associated data: the key version and the record the address belongs to. */
function aad(keyId: string, recordId: string): Buffer {
  return Buffer.from(`address:${keyId}:${recordId}`, 'utf8');
}

/** AES-256-GCM over node:crypto with the unwrapped data keys; the first key seals, every key opens. */
export class AesGcmAddressCipher implements AddressCipher {
  private readonly keys: ReadonlyMap<string, Uint8Array>;
  private readonly requestKeys = new Map<string, KeyObject>();
  readonly currentKey: string;

  constructor(keys: readonly DataKey[]) {
    const first = keys[0];
    if (!first) throw new ConfigError('no data key to seal addresses with');
    for (const k of keys) if (k.key.length !== 32) throw new ConfigError(`data key ${k.id} is not 256 bits`);
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKey = first.id;
  }

  /** The private request key of a data key, derived once. */
  private requestKey(keyId: string, key: Uint8Array): KeyObject {
    const found = this.requestKeys.get(keyId) ?? requestKeyPair(key).privateKey;
    this.requestKeys.set(keyId, found);
    return found;
  }

  seal(address: string, recordId: string): SealedAddress {
    const key = this.keys.get(this.currentKey) as Uint8Array;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(this.currentKey, recordId));
    const body = Buffer.concat([iv, cipher.update(address, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `a1.${this.currentKey}.${body.toString('base64url')}` as SealedAddress;
  }

  open(sealed: SealedAddress, recordId: string): string {
    // A record written before addresses were sealed, until `newsletter migrate encrypt-addresses` reaches it.
    if (CLEAR_ADDRESS.test(sealed)) return sealed;
    const keyId = sealedKeyOf(sealed);
    if (keyId === undefined) throw new AddressUnreadableError('malformed');
    const key = this.keys.get(keyId);
    if (!key) throw new AddressUnreadableError('unknown_key');
    const body = Buffer.from(sealed.slice(sealed.lastIndexOf('.') + 1), 'base64url');
    if (sealed.startsWith('r1.')) return openRequest(this.requestKey(keyId, key), keyId, body, recordId);
    if (body.length < IV_BYTES + TAG_BYTES) throw new AddressUnreadableError('malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES)).setAAD(aad(keyId, recordId));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new AddressUnreadableError('authentication', { cause: error });
    }
  }
}
