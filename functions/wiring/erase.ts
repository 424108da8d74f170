import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoDeliveryStore } from '../adapters/dynamo/delivery-store.ts';
import { DynamoErasureMarkers } from '../adapters/dynamo/erasure-markers.ts';
import { DynamoFeedbackSets } from '../adapters/dynamo/feedback-sets.ts';
import { DynamoImportLedger } from '../adapters/dynamo/import-ledger.ts';
import { DynamoMailboxLog } from '../adapters/dynamo/mailbox-log.ts';
import { DynamoReaderWeeks } from '../adapters/dynamo/reader-weeks.ts';
import { DynamoSubscriberStore } from '../adapters/dynamo/subscriber-store.ts';
import { DynamoWelcomeLedger } from '../adapters/dynamo/welcome-ledger.ts';
import { createLog } from '../adapters/powertools/log.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { loadConfig } from '../app/config.ts';
import type { EraseLinkDeps } from '../app/erase-link.ts';
import { cooldownPolicy } from './subscription.ts';

/**
 * The erase page's dependencies, once per cold start: the stores the admin erase empties, the erasure markers and
 * the token keys. No mailer and no address cipher: erasing needs no address in clear.
 */
export async function createEraseContext(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  const db = createDocumentClient();
  const log = createLog();
  const table = config.TABLE_NAME;
  const deps: EraseLinkDeps = {
    store: new DynamoSubscriberStore(db, table, config.SHARDS),
    deliveries: new DynamoDeliveryStore(db, table, config.SHARDS),
    feedback: new DynamoFeedbackSets(db, table),
    welcomes: new DynamoWelcomeLedger(db, table),
    mailboxes: new DynamoMailboxLog(db, table, cooldownPolicy(config)),
    weeks: new DynamoReaderWeeks(db, table),
    erasures: new DynamoErasureMarkers(db, table),
    imports: new DynamoImportLedger(db, table),
    timeZone: config.TIMEZONE,
    idKey: secrets.idKey,
    ring: secrets.ring,
    now: Date.now,
    log,
  };
  return { config, deps, log, ...(secrets.originSecret === undefined ? {} : { originSecret: secrets.originSecret }) };
}
