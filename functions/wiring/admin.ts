import { DynamoCountsBackfill } from '../adapters/dynamo/counts-backfill.ts';
import { DynamoEditorialStore } from '../adapters/dynamo/editorial-store.ts';
import { DynamoErasureMarkers } from '../adapters/dynamo/erasure-markers.ts';
import { DynamoImportLedger } from '../adapters/dynamo/import-ledger.ts';
import { DynamoImportReads } from '../adapters/dynamo/import-reads.ts';
import { DynamoMailboxLog } from '../adapters/dynamo/mailbox-log.ts';
import { DynamoReaderCounts } from '../adapters/dynamo/reader-counts.ts';
import { DynamoRepermissionQueue } from '../adapters/dynamo/repermission-queue.ts';
import { DynamoSuppressions } from '../adapters/dynamo/suppressions.ts';
import { DynamoWelcomeLedger } from '../adapters/dynamo/welcome-ledger.ts';
import { LambdaDispatchStarter } from '../adapters/lambda/dispatch-starter.ts';
import type { AdminDeps } from '../app/admin-deps.ts';
import { ConfigError } from '../core/errors.ts';
import { createAddressCipher } from './address-cipher.ts';
import { prepareDeps, pullFeedsDeps } from './feeds.ts';
import { createMailer } from './mailer.ts';
import { createSendContext } from './send.ts';
import { cooldownPolicy } from './subscription.ts';

/** Builds the editors' API's dependencies once per cold start (config checked first). */
export async function createAdminDeps(env: Record<string, string | undefined> = process.env) {
  const ctx = await createSendContext(env);
  const { config } = ctx;
  if (!config.DISPATCH_FUNCTION_NAME)
    throw new ConfigError('invalid configuration: DISPATCH_FUNCTION_NAME is required by the editors API');
  const mailer = createMailer(config);
  // The export opens the reader's address: the editors' API is one of the functions that may unwrap the data key.
  const cipher = await createAddressCipher(ctx.secrets, config);
  const erasures = new DynamoErasureMarkers(ctx.db, config.TABLE_NAME);
  const repermissions = new DynamoRepermissionQueue(ctx.db, config.TABLE_NAME);
  const deps: AdminDeps = {
    commentaries: ctx.commentaries,
    settings: ctx.settings,
    sends: ctx.sends,
    deliveries: ctx.deliveries,
    summaries: ctx.summaries,
    feedback: ctx.feedback,
    holds: ctx.holds,
    editorial: new DynamoEditorialStore(ctx.db, config.TABLE_NAME),
    timeZone: config.TIMEZONE,
    schedule: { expression: config.SCHEDULE, timeZone: config.TIMEZONE },
    from: { address: config.SENDER_EMAIL, names: config.SENDER_NAMES },
    recipients: ctx.subscribers,
    subscribers: ctx.subscribers,
    cipher,
    welcomes: new DynamoWelcomeLedger(ctx.db, config.TABLE_NAME),
    mailboxes: new DynamoMailboxLog(ctx.db, config.TABLE_NAME, cooldownPolicy(config)),
    weeks: ctx.readerWeeks,
    erasures,
    counts: new DynamoReaderCounts(ctx.db, config.TABLE_NAME),
    backfill: new DynamoCountsBackfill(ctx.db, config.TABLE_NAME),
    starter: LambdaDispatchStarter.create(config.DISPATCH_FUNCTION_NAME),
    sender: ctx.sender,
    mailer,
    pull: pullFeedsDeps(ctx),
    prepare: prepareDeps(ctx, mailer),
    imports: {
      store: ctx.subscribers,
      suppressions: new DynamoSuppressions(ctx.db, config.TABLE_NAME),
      ledger: new DynamoImportLedger(ctx.db, config.TABLE_NAME),
      reads: new DynamoImportReads(ctx.db, config.TABLE_NAME, ctx.subscribers),
      repermissions,
      // The re-permission e-mails, paced within the digest's share of the account's rate.
      step: {
        store: ctx.subscribers,
        queue: repermissions,
        mailer: createMailer(config, { perSecond: config.DELIVER_SEND_RATE ?? 10 }),
        cipher,
        ring: ctx.secrets.ring,
        idKey: ctx.secrets.idKey,
        publicUrl: config.PUBLIC_URL,
        now: Date.now,
        log: ctx.log,
      },
      cipher,
      idKey: ctx.secrets.idKey,
      now: Date.now,
      log: ctx.log,
      rowsPerRequest: Number(env.IMPORT_ROWS_PER_REQUEST ?? 2000),
      msPerRequest: 20_000,
    },
    ring: ctx.secrets.ring,
    idKey: ctx.secrets.idKey,
    publicUrl: config.PUBLIC_URL,
    listId: config.LIST_ID,
    ...(config.INBOUND_DOMAIN ? { inboundDomain: config.INBOUND_DOMAIN } : {}),
    now: Date.now,
    log: ctx.log,
  };
  return { config, deps, log: ctx.log };
}
