import type { DataKey, DataKeyProvider, WrappedDataKey } from '../../app/ports/data-key-provider.ts';
import { ConfigError } from '../../core/errors.ts';

/** The purpose in every data key's encryption context; the key policy allows Decrypt for this purpose only. */
export const DATA_KEY_PURPOSE = 'newsletter-address-data-key';

/** The encryption context every data key is wrapped with (KMS checks it on Decrypt; CloudTrail records it). */
export function dataKeyContext(id: string): Record<string, string> {
  return { purpose: DATA_KEY_PURPOSE, keyVersion: id };
}

/**
 * On AWS: the data keys are wrapped by the customer-managed KMS key (`ADDRESS_KEY_ARN`); one KMS Decrypt per data key
 * at cold start, which only the functions that mail or export a reader may call (the key policy). The KMS client is
 * loaded here only, so the other functions' bundles do not carry it.
 */
export class KmsDataKeyProvider implements DataKeyProvider {
  constructor(
    private readonly keyArn: string,
    private readonly wrapped: readonly WrappedDataKey[],
  ) {}

  async unwrap(): Promise<readonly DataKey[]> {
    const { KMSClient, DecryptCommand } = await import('@aws-sdk/client-kms');
    const kms = new KMSClient({});
    return Promise.all(
      this.wrapped.map(async ({ id, wrapped }) => {
        const out = await kms.send(
          new DecryptCommand({
            KeyId: this.keyArn,
            CiphertextBlob: Buffer.from(wrapped, 'base64'),
            EncryptionContext: dataKeyContext(id),
          }),
        );
        if (!out.Plaintext) throw new ConfigError(`KMS returned no data key for ${id}`);
        return { id, key: out.Plaintext };
      }),
    );
  }
}
