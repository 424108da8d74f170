import { DynamoArchiveStore } from '../adapters/dynamo/archive-store.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoCommentaryStore } from '../adapters/dynamo/commentary-store.ts';
import { DynamoDeliveryStore } from '../adapters/dynamo/delivery-store.ts';
import { DynamoFeedbackSets } from '../adapters/dynamo/feedback-sets.ts';
import { DynamoHoldStore } from '../adapters/dynamo/hold-store.ts';
import { DynamoRenderStore } from '../adapters/dynamo/render-store.ts';
import { DynamoSendRecordStore } from '../adapters/dynamo/send-record-store.ts';
import { DynamoSubscriberStore } from '../adapters/dynamo/subscriber-store.ts';
import { DynamoSummaryStore } from '../adapters/dynamo/summary-store.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { loadConfig } from '../app/config.ts';
import type { DeliverDeps } from '../app/deliver.ts';
import type { DispatchDeps } from '../app/dispatch.ts';
import { outletFrom, senderNamesFrom } from '../app/outlet.ts';
import type { Mailer } from '../app/ports/mailer.ts';
import type { SendQueue } from '../app/ports/send-queue.ts';
import type { SesEventDeps } from '../app/ses-events.ts';
import type { Language } from '../core/language.ts';
import { createLog } from '../handlers/logger.ts';

/**
 * The send pipeline's adapters, built once per cold start; the dispatch, deliver and SES-event builders below take
 * their parts from it, on Lambda (see `lambda.ts`), in the local runner and in the CLI alike.
 */
export async function createSendContext(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const secrets = await loadSecrets(config);
  const db = createDocumentClient();
  const log = createLog();
  const subscribers = new DynamoSubscriberStore(db, config.TABLE_NAME, config.SHARDS);
  const sends = new DynamoSendRecordStore(db, config.TABLE_NAME);
  const renders = new DynamoRenderStore(db, config.TABLE_NAME);
  const deliveries = new DynamoDeliveryStore(db, config.TABLE_NAME, config.SHARDS);
  const commentaries = new DynamoCommentaryStore(db, config.TABLE_NAME);
  const holds = new DynamoHoldStore(db, config.TABLE_NAME);
  const summaries = new DynamoSummaryStore(db, config.TABLE_NAME);
  const feedback = new DynamoFeedbackSets(db, config.TABLE_NAME);
  const settings = {
    languages: config.LANGUAGES,
    fallbacks: config.LANGUAGE_FALLBACKS as Partial<Record<Language, Language[]>>,
    timeZone: config.TIMEZONE,
    batchSize: config.BATCH_SIZE,
    outlet: outletFrom(config),
  };
  return {
    config,
    secrets,
    db,
    log,
    subscribers,
    sends,
    renders,
    deliveries,
    summaries,
    feedback,
    commentaries,
    holds,
    settings,
  };
}

/** The send context: config, secrets, logger and the stores of the send pipeline. */
export type SendContext = Awaited<ReturnType<typeof createSendContext>>;

/** Dispatch's dependencies over the given queue (SQS on AWS, the in-process queue locally). */
export function dispatchDeps(ctx: SendContext, queue: SendQueue): DispatchDeps {
  return {
    commentaries: ctx.commentaries,
    recipients: ctx.subscribers,
    sends: ctx.sends,
    renders: ctx.renders,
    archive: new DynamoArchiveStore(ctx.db, ctx.config.TABLE_NAME),
    queue,
    holds: ctx.holds,
    settings: ctx.settings,
    now: Date.now,
    log: ctx.log,
  };
}

/**
 * Deliver's dependencies with the given mailer, and the queue that takes back what must wait (absent: the caller's
 * queue redelivers); each call keeps its own cache of the edition's renders.
 */
export function deliverDeps(ctx: SendContext, mailer: Mailer, queue?: SendQueue): DeliverDeps {
  return {
    readers: ctx.subscribers,
    renders: ctx.renders,
    deliveries: ctx.deliveries,
    ...(queue ? { queue } : {}),
    mailer,
    ring: ctx.secrets.ring,
    publicUrl: ctx.config.PUBLIC_URL,
    listId: ctx.config.LIST_ID,
    ...(ctx.config.INBOUND_DOMAIN ? { inboundDomain: ctx.config.INBOUND_DOMAIN } : {}),
    now: Date.now,
    log: ctx.log,
    claimTimeoutMs: ctx.config.DELIVER_CLAIM_TIMEOUT_SECONDS * 1000,
    renderCache: new Map(),
    senderNames: senderNamesFrom(ctx.config),
  };
}

/** The dependencies of applying SES feedback (bounces and complaints). */
export function sesEventDeps(ctx: SendContext): SesEventDeps {
  return {
    store: ctx.subscribers,
    deliveries: ctx.deliveries,
    feedback: ctx.feedback,
    idKey: ctx.secrets.idKey,
    now: Date.now,
    log: ctx.log,
  };
}
