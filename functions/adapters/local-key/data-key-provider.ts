import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey, DataKeyProvider, WrappedDataKey } from '../../app/ports/data-key-provider.ts';
import { ConfigError } from '../../core/errors.ts';

const context = (id: string) => Buffer.from(`data-key:${id}`, 'utf8');

/** Wraps a data key under the local wrapping key (AES-256-GCM, the key's version as associated data). */
export function wrapDataKey(wrappingKey: Uint8Array, id: string, key: Uint8Array): WrappedDataKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv).setAAD(context(id));
  const body = Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return { id, wrapped: body.toString('base64url') };
}

/**
 * `npm start`'s stand-in for KMS: the wrapping key lives in `.data/secrets.json` beside the wrapped data keys. It
 * keeps the stored tables and queues free of addresses; it does not protect a copy of the whole `.data` folder.
 */
export class LocalDataKeyProvider implements DataKeyProvider {
  constructor(
    private readonly wrappingKey: Uint8Array,
    private readonly wrapped: readonly WrappedDataKey[],
  ) {}

  async unwrap(): Promise<readonly DataKey[]> {
    return this.wrapped.map(({ id, wrapped }) => {
      const body = Buffer.from(wrapped, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey, body.subarray(0, 12)).setAAD(context(id));
        decipher.setAuthTag(body.subarray(body.length - 16));
        return { id, key: Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]) };
      } catch (error) {
        throw new ConfigError(`data key ${id} does not unwrap with the local wrapping key`, { cause: error });
      }
    });
  }
}
