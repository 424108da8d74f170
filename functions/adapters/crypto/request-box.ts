import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { AddressUnreadableError } from '../../core/errors.ts';
import type { SealedAddress } from '../../core/sealed-address.ts';

// A queued subscribe request's address, sealed by a function that cannot open it (subscribe holds only the public
// key): an ephemeral X25519 agreement with the data key's request key, HKDF-SHA256, then AES-256-GCM with the key
// version and the request id as associated data. `r1.<key version>.<base64url(ephemeral public | iv | ct | tag)>`.

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

/** The request key pair of a data key: its private half derived from the data key (HKDF), never stored. */
export function requestKeyPair(dataKey: Uint8Array): { privateKey: KeyObject; publicKey: string } {
  const seed = Buffer.from(hkdfSync('sha256', dataKey, '', 'newsletter request box x25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: spki.subarray(SPKI_X25519.length).toString('base64url') };
}

function boxKey(shared: Buffer, ephemeral: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeral, 'newsletter request address', 32));
}

const aad = (keyId: string, requestId: string) => Buffer.from(`request:${keyId}:${requestId}`, 'utf8');

/** Seals `address` for the holder of `publicKey`'s data key, bound to the request. */
export function sealRequest(keyId: string, publicKey: string, address: string, requestId: string): SealedAddress {
  const recipient = createPublicKey({
    key: Buffer.concat([SPKI_X25519, Buffer.from(publicKey, 'base64url')]),
    format: 'der',
    type: 'spki',
  });
  const eph = generateKeyPairSync('x25519');
  const ephRaw = eph.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
  const key = boxKey(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }), ephRaw);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(keyId, requestId));
  const body = Buffer.concat([ephRaw, iv, cipher.update(address, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `r1.${keyId}.${body.toString('base64url')}` as SealedAddress;
}

/** Opens a request's sealed address with the data key's private request key; throws AddressUnreadableError. */
export function openRequest(privateKey: KeyObject, keyId: string, body: Buffer, requestId: string): string {
  if (body.length < 32 + 12 + 16) throw new AddressUnreadableError('malformed');
  try {
    const ephRaw = body.subarray(0, 32);
    const eph = createPublicKey({ key: Buffer.concat([SPKI_X25519, ephRaw]), format: 'der', type: 'spki' });
    const key = boxKey(diffieHellman({ privateKey, publicKey: eph }), ephRaw);
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(32, 44)).setAAD(aad(keyId, requestId));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(44, body.length - 16)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new AddressUnreadableError('authentication', { cause: error });
  }
}
