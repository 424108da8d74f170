import { DynamoArchiveStore } from '../adapters/dynamo/archive-store.ts';
import { createDocumentClient } from '../adapters/dynamo/client.ts';
import { DynamoCommentaryStore } from '../adapters/dynamo/commentary-store.ts';
import { DynamoCompletionLease } from '../adapters/dynamo/completion-lease.ts';
import { DynamoDeliveryStore } from '../adapters/dynamo/delivery-store.ts';
import { DynamoErasureMarkers } from '../adapters/dynamo/erasure-markers.ts';
import { DynamoFeedbackSets } from '../adapters/dynamo/feedback-sets.ts';
import { DynamoHoldStore } from '../adapters/dynamo/hold-store.ts';
import { DynamoReaderWeeks } from '../adapters/dynamo/reader-weeks.ts';
import { DynamoRenderStore } from '../adapters/dynamo/render-store.ts';
import { DynamoSendRecordStore } from '../adapters/dynamo/send-record-store.ts';
import { DynamoSubscriberStore } from '../adapters/dynamo/subscriber-store.ts';
import { DynamoSummaryStore } from '../adapters/dynamo/summary-store.ts';
import { createMetrics } from '../adapters/emf/count-metrics.ts';
import { StandInSenderVerification } from '../adapters/in-process/sender-verification.ts';
import { createLog } from '../adapters/powertools/log.ts';
import { loadSecrets } from '../adapters/secrets.ts';
import { SesSenderVerification } from '../adapters/ses/sender-verification.ts';
import { loadConfig } from '../app/config.ts';
import type { DeliverDeps } from '../app/deliver.ts';
import type { DispatchDeps } from '../app/dispatch.ts';
import { outletFrom, senderNamesFrom } from '../app/outlet.ts';
import type { AddressCipher } from '../app/ports/address-cipher.ts';
import type { Mailer } from '../app/ports/mailer.ts';
import type { Redelivery } from '../app/ports/redelivery.ts';
import type { SendQueue } from '../app/ports/send-queue.ts';
import type { SenderVerification } from '../app/ports/sender-verification.ts';
import type { SendPipelineDeps } from '../app/send-pipeline.ts';
import type { SesEventDeps } from '../app/ses-events.ts';
import type { Language } from '../core/language.ts';
import type { DeliveryBatch, SendMessage } from '../core/queue-messages.ts';
import { reportMailDeps } from './feeds.ts';

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
  const readerWeeks = new DynamoReaderWeeks(db, config.TABLE_NAME);
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
    readerWeeks,
    commentaries,
    holds,
    sender: senderVerification(config),
    settings,
  };
}

/** SES's word on the sender's identity; the local runner's stand-in when LOCAL_SENDER_VERIFIED is set. */
export function senderVerification(config: ReturnType<typeof loadConfig>): SenderVerification {
  const address = (/<([^>]+)>/.exec(config.SENDER_EMAIL)?.[1] ?? config.SENDER_EMAIL).trim();
  const identity = config.SES_IDENTITY ?? address;
  if (config.LOCAL_SENDER_VERIFIED !== undefined)
    return new StandInSenderVerification(identity, config.LOCAL_SENDER_VERIFIED === 'true');
  return SesSenderVerification.create(identity);
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
    sender: ctx.sender,
    settings: ctx.settings,
    now: Date.now,
    log: ctx.log,
  };
}

/**
 * Deliver's dependencies with the given mailer, and the queue that takes back what must wait (absent: the caller's
 * queue redelivers); each call keeps its own cache of the edition's renders.
 */
export function deliverDeps(
  ctx: SendContext,
  mailer: Mailer,
  cipher: Pick<AddressCipher, 'open'>,
  queue?: SendQueue,
): DeliverDeps {
  return {
    streaks: ctx.subscribers,
    renders: ctx.renders,
    deliveries: ctx.deliveries,
    ...(queue ? { queue } : {}),
    mailer,
    cipher,
    ring: ctx.secrets.ring,
    idKey: ctx.secrets.idKey,
    erasures: new DynamoErasureMarkers(ctx.db, ctx.config.TABLE_NAME),
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
    softBounceLimit: ctx.config.SOFT_BOUNCE_LIMIT,
    idKey: ctx.secrets.idKey,
    now: Date.now,
    log: ctx.log,
  };
}

/** The send queue as the pipeline uses it: batches and completion checks go on it, received ones come back. */
export interface SendMessageQueue extends Redelivery {
  enqueue(message: SendMessage, delaySeconds?: number): Promise<void>;
  enqueueMany(batches: readonly DeliveryBatch[]): Promise<void>;
}

/** How the send pipeline's edition end is timed; the defaults derive from the deliverer's claim timeout. */
export interface PipelineTiming {
  /** Seconds between the queue running dry and the completion check (the batches in flight settle meanwhile). */
  readonly checkDelaySeconds?: number;
  /**
   * False: deliver puts nothing back on the queue itself; a batch that must wait comes back whole through
   * `retryLater` (the local runner's in-process queue).
   */
  readonly putBack?: boolean;
}

/**
 * The send pipeline over a queue that also redelivers (SQS on AWS, the in-process queue locally): deliver's
 * dependencies with the digest mailer and the address cipher, and the edition's end (lease, check, report e-mail with its own mailer).
 */
export function sendPipelineDeps(
  ctx: SendContext,
  mailers: { digest: Mailer; report: Mailer; cipher: Pick<AddressCipher, 'open'> },
  queue: SendMessageQueue,
  timing: PipelineTiming = {},
): SendPipelineDeps {
  const claimTimeoutSeconds = ctx.config.DELIVER_CLAIM_TIMEOUT_SECONDS;
  // The claim timeout is three deliverer timeouts (infra/sending.ts): a third of it, and half a minute more.
  const checkDelaySeconds = timing.checkDelaySeconds ?? Math.min(900, Math.ceil(claimTimeoutSeconds / 3) + 30);
  return {
    deliver: deliverDeps(ctx, mailers.digest, mailers.cipher, timing.putBack === false ? undefined : queue),
    redelivery: queue,
    completion: {
      lease: new DynamoCompletionLease(ctx.db, ctx.config.TABLE_NAME),
      queue,
      backlog: queue,
      report: reportMailDeps(ctx, mailers.report),
      checkDelaySeconds,
      leaseMs: (2 * checkDelaySeconds + claimTimeoutSeconds) * 1000,
      now: Date.now,
      log: ctx.log,
    },
    metrics: createMetrics(),
    log: ctx.log,
    random: Math.random,
  };
}
