import { DynamoArchiveStore } from '../adapters/dynamo/archive-store.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { loadConfig } from '../app/config.ts';
import { outletFrom } from '../app/outlet.ts';

/** The public archive's context: config, the archive store and the outlet. No secrets and no SES: it only reads. */
export function createArchiveContext(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  return {
    config,
    archive: new DynamoArchiveStore(createDocumentClient(), config.TABLE_NAME),
    outlet: outletFrom(config),
  };
}
