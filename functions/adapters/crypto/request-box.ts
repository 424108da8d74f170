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

// Public keys go in and out as raw 32 bytes through JWK: OpenSSL 3 imports and exports a DER (SPKI) key through its
// decoder framework, ~0.6 ms a key on the bench machine against ~0.07 ms for the raw key (bench figure 4: the
// recipient's import and the ephemeral key's export were 1.1 ms of subscribe's ~10 ms of CPU an answer).
const x25519Public = (raw: Buffer | string): KeyObject =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: typeof raw === 'string' ? raw : raw.toString('base64url') },
    format: 'jwk',
  });
const rawPublic = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');

/** The request key pair of a data key: its private half derived from the data key (HKDF), never stored. */
export function requestKeyPair(dataKey: Uint8Array): { privateKey: KeyObject; publicKey: string } {
  const seed = Buffer.from(hkdfSync('sha256', dataKey, '', 'newsletter request box x25519', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: rawPublic(createPublicKey(privateKey)).toString('base64url') };
}

function boxKey(shared: Buffer, ephemeral: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeral, 'newsletter request address', 32));
}

const aad = (keyId: string, requestId: string) => Buffer.from(`request:${keyId}:${requestId}`, 'utf8');

/** The public request key (base64url, 32 bytes) as a key object: made once by a sealer, used for every request. */
export function requestPublicKey(publicKey: string): KeyObject {
  return x25519Public(publicKey);
}

/** Seals `address` for the holder of `recipient`'s data key (`requestPublicKey`), bound to the request. */
export function sealRequest(keyId: string, recipient: KeyObject, address: string, requestId: string): SealedAddress {
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublic(eph.publicKey);
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
    const eph = x25519Public(Buffer.from(ephRaw));
    const key = boxKey(diffieHellman({ privateKey, publicKey: eph }), ephRaw);
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(32, 44)).setAAD(aad(keyId, requestId));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(44, body.length - 16)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new AddressUnreadableError('authentication', { cause: error });
  }
}
