import { createHash, randomBytes } from 'node:crypto';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { requestKeyPair } from '../../functions/adapters/crypto/request-box.ts';
import { dataKeyContext } from '../../functions/adapters/kms/data-key-provider.ts';
import { parseSecrets, type Secrets } from '../../functions/adapters/secrets.ts';
import type { WrappedDataKey } from '../../functions/app/ports/data-key-provider.ts';
import { newLocalDataKey } from '../../local/env.ts';
import { startFakeKmsAndSecrets } from './fake-kms-secrets.ts';

/**
 * Where the data keys come from: minted and wrapped as a deployment mints them, and the secret and configuration the
 * functions read them from (wiring/address-cipher.ts picks the provider from these, as in a function).
 */
export interface KeySource {
  /** A new data key `id`, as the secret lists it (wrapped, with its public request key). */
  mint(id: string): Promise<WrappedDataKey>;
  /** The secret listing `keys` (newest first), parsed as a function parses it. */
  secrets(keys: readonly WrappedDataKey[]): Secrets;
  readonly config: { readonly ADDRESS_KEY_ARN?: string };
  close(): Promise<void>;
}

const KEY_ARN = 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const master = () => randomBytes(32).toString('base64url');

/**
 * On the KMS stand-in (test/support/fake-kms-secrets.ts): keys minted by GenerateDataKey with the address purpose's
 * encryption context (as the deploy-time provisioner does), unwrapped by KmsDataKeyProvider's Decrypt. Points the
 * SDK's KMS endpoint at the stand-in until close().
 */
export async function kmsKeySource(): Promise<KeySource> {
  const fake = await startFakeKmsAndSecrets('{}');
  const names = ['AWS_ENDPOINT_URL_KMS', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KMS: fake.endpoint,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  const kms = new KMSClient({});
  return {
    async mint(id) {
      const out = await kms.send(
        new GenerateDataKeyCommand({ KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: dataKeyContext(id) }),
      );
      const plaintext = out.Plaintext as Uint8Array;
      const wrapped = Buffer.from(out.CiphertextBlob as Uint8Array).toString('base64');
      return { id, wrapped, requestKey: requestKeyPair(plaintext).publicKey };
    },
    secrets: (keys) => parseSecrets(JSON.stringify({ master: master(), dataKeys: keys })),
    config: { ADDRESS_KEY_ARN: KEY_ARN },
    async close() {
      for (const n of names) {
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
      }
      await fake.close();
    },
  };
}

/** As `npm start` keeps them: wrapped by a local wrapping key in the secret (local/env.ts), no KMS. */
export async function localKeySource(): Promise<KeySource> {
  const wrappingKey = randomBytes(32);
  return {
    mint: async (id) => newLocalDataKey(wrappingKey, id),
    secrets: (keys) =>
      parseSecrets(
        JSON.stringify({ master: master(), dataKeys: keys, wrappingKey: wrappingKey.toString('base64url') }),
      ),
    config: {},
    close: async () => undefined,
  };
}

/** The fixed clear key of version `id` the in-memory tests use (`t1` is testCipher's; never a deployment's). */
export function fixedKey(id: string): Buffer {
  return id === 't1' ? Buffer.alloc(32, 7) : createHash('sha256').update(`test data key ${id}`).digest();
}
