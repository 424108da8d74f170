import { AesGcmAddressCipher } from '../adapters/crypto/address-cipher.ts';
import { KmsDataKeyProvider } from '../adapters/kms/data-key-provider.ts';
import { LocalDataKeyProvider } from '../adapters/local-key/data-key-provider.ts';
import type { Secrets } from '../adapters/secrets.ts';
import type { Config } from '../app/config.ts';
import type { AddressCipher } from '../app/ports/address-cipher.ts';
import type { DataKeyProvider } from '../app/ports/data-key-provider.ts';
import { ConfigError } from '../core/errors.ts';

/**
 * The data keys' unwrapper: KMS on AWS (`ADDRESS_KEY_ARN`), the secret's local wrapping key on `npm start`. Only the
 * functions that mail or export a reader reach this module (test/unit/address-cipher-wiring.test.ts), and only they
 * may call the KMS key's Decrypt (infra/address-key.ts).
 */
export function dataKeyProvider(secrets: Secrets, config: Pick<Config, 'ADDRESS_KEY_ARN'>): DataKeyProvider {
  if (secrets.dataKeys.length === 0) throw new ConfigError('secret has no dataKeys: no address can be sealed');
  if (secrets.wrappingKey) return new LocalDataKeyProvider(secrets.wrappingKey, secrets.dataKeys);
  if (!config.ADDRESS_KEY_ARN) throw new ConfigError('ADDRESS_KEY_ARN is required when the secret has no wrappingKey');
  return new KmsDataKeyProvider(config.ADDRESS_KEY_ARN, secrets.dataKeys);
}

/** The address cipher, its data keys unwrapped once (call it once per cold start, never per reader). */
export async function createAddressCipher(
  secrets: Secrets,
  config: Pick<Config, 'ADDRESS_KEY_ARN'>,
): Promise<AddressCipher> {
  return new AesGcmAddressCipher(await dataKeyProvider(secrets, config).unwrap());
}
