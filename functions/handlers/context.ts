import { DynamoArchive } from '../adapters/dynamo/archive.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoCommentaryRepository } from '../adapters/dynamo/commentaries.ts';
import { DynamoDeliveries } from '../adapters/dynamo/deliveries.ts';
import { DynamoHoldStore } from '../adapters/dynamo/holds.ts';
import { DynamoRenders } from '../adapters/dynamo/renders.ts';
import { DynamoSendRecords } from '../adapters/dynamo/send-records.ts';
import { DynamoSubscriberRepository } from '../adapters/dynamo/subscribers.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { type Config, loadConfig } from '../app/config.ts';
import type { DeliverDeps } from '../app/deliver.ts';
import type { DispatchDeps } from '../app/dispatch.ts';
import { outletFrom, senderNamesFrom } from '../app/outlet.ts';
import type { Mailer, SendQueue, SubscriptionDeps } from '../app/ports.ts';
import type { SendConfirmationDeps } from '../app/send-confirmation.ts';
import type { SubscribeDeps } from '../app/subscribe.ts';
import type { Language } from '../core/language.ts';
import { createLog } from './logger.ts';

const HOUR = 3_600_000;

/**
 * Builds the dependencies of the subscription functions once per cold start (config checked first). Only the
 * confirmation mailer sends mail: it adds its mailer itself, so the HTTP functions never load the SES client.
 */
export async function createSubscriptionContext(env: Record<string, string | undefined> = process.env): Promise<{
  config: Config;
  db: ReturnType<typeof createDocumentClient>;
  originSecret?: string;
  deps: SubscriptionDeps &
    Pick<SendConfirmationDeps, 'senderNames' | 'brandColour'> & {
      policy: SubscribeDeps['policy'] & SendConfirmationDeps['policy'];
    };
}> {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  const db = createDocumentClient();
  return {
    config,
    db,
    ...(secrets.originSecret === undefined ? {} : { originSecret: secrets.originSecret }),
    deps: {
      store: new DynamoSubscriberRepository(db, config.TABLE_NAME, config.SHARDS),
      ring: secrets.ring,
      idKey: secrets.idKey,
      now: Date.now,
      publicUrl: config.PUBLIC_URL,
      log: createLog(),
      policy: {
        cooldown: { minIntervalMs: config.MAIL_COOLDOWN_SECONDS * 1000, maxPerDay: config.MAIL_MAX_PER_DAY },
        pendingExpiryMs: config.PENDING_EXPIRY_HOURS * HOUR,
        confirmTokenTtlMs: config.CONFIRM_TOKEN_TTL_HOURS * HOUR,
        consentTextVersion: config.CONSENT_TEXT_VERSION,
      },
      senderNames: senderNamesFrom(config),
      brandColour: config.BRAND_COLOUR,
    },
  };
}

/** The send pipeline's adapters, built once per cold start; shared by the Lambda handlers and local runs. */
export async function createSendContext(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  const db = createDocumentClient();
  const log = createLog();
  const subscribers = new DynamoSubscriberRepository(db, config.TABLE_NAME, config.SHARDS);
  const sends = new DynamoSendRecords(db, config.TABLE_NAME);
  const renders = new DynamoRenders(db, config.TABLE_NAME);
  const deliveries = new DynamoDeliveries(db, config.TABLE_NAME, config.SHARDS);
  const commentaries = new DynamoCommentaryRepository(db, config.TABLE_NAME);
  const holds = new DynamoHoldStore(db, config.TABLE_NAME);
  const settings = {
    languages: config.LANGUAGES,
    fallbacks: config.LANGUAGE_FALLBACKS as Partial<Record<Language, Language[]>>,
    timeZone: config.TIMEZONE,
    batchSize: config.BATCH_SIZE,
    outlet: outletFrom(config),
  };
  const deliverDeps = (mailer: Mailer, queue?: SendQueue): DeliverDeps => ({
    readers: subscribers,
    renders,
    deliveries,
    ...(queue ? { queue } : {}),
    mailer,
    ring: secrets.ring,
    publicUrl: config.PUBLIC_URL,
    listId: config.LIST_ID,
    now: Date.now,
    log,
    claimTimeoutMs: config.DELIVER_CLAIM_TIMEOUT_SECONDS * 1000,
    renderCache: new Map(),
    senderNames: senderNamesFrom(config),
  });
  const dispatchDeps = (queue: SendQueue): DispatchDeps => ({
    commentaries,
    recipients: subscribers,
    sends,
    renders,
    archive: new DynamoArchive(db, config.TABLE_NAME),
    queue,
    holds,
    settings,
    now: Date.now,
    log,
  });
  return {
    config,
    secrets,
    db,
    log,
    subscribers,
    sends,
    renders,
    deliveries,
    commentaries,
    holds,
    settings,
    deliverDeps,
    dispatchDeps,
  };
}
