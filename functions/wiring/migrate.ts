import { DynamoAddressRecords } from '../adapters/dynamo/address-records.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoConsentRecords } from '../adapters/dynamo/consent-records.ts';
import { createLog } from '../adapters/powertools/log.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { loadConfig } from '../app/config.ts';
import type { SealAddressesDeps } from '../app/migrate-addresses.ts';
import type { TrimConsentDeps } from '../app/migrate-consent.ts';
import { createAddressCipher } from './address-cipher.ts';

/**
 * The migration's dependencies: the table's subscriber items and the address cipher. It unwraps the data keys, so it
 * runs where they may be unwrapped: with the local wrapping key on `npm start`.
 */
export async function createSealAddressesDeps(
  env: Record<string, string | undefined>,
  pageSize = 100,
): Promise<SealAddressesDeps> {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  return {
    records: new DynamoAddressRecords(createDocumentClient(), config.TABLE_NAME),
    cipher: await createAddressCipher(secrets, config),
    log: createLog(),
    pageSize,
  };
}

/** The consent trimming's dependencies: the table's subscriber items only (it opens no address). */
export function createTrimConsentDeps(env: Record<string, string | undefined>, pageSize = 100): TrimConsentDeps {
  const config = loadConfig(env);
  return { records: new DynamoConsentRecords(createDocumentClient(), config.TABLE_NAME), log: createLog(), pageSize };
}
