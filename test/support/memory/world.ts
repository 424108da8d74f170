import { StandInSenderVerification } from '../../../functions/adapters/in-process/sender-verification.ts';
import { parseSecrets } from '../../../functions/adapters/secrets.ts';
import type { DeliverDeps } from '../../../functions/app/deliver.ts';
import type { DispatchDeps } from '../../../functions/app/dispatch.ts';
import { type SendConfirmationDeps, sendConfirmation } from '../../../functions/app/send-confirmation.ts';
import type { SubscribeDeps } from '../../../functions/app/subscribe.ts';
import type { SubscriptionDeps } from '../../../functions/app/subscription-deps.ts';
import { type ConfirmationRequest, confirmationRequestSchema } from '../../../functions/core/queue-messages.ts';
import { testCipher, testSealer } from '../address-cipher.ts';
import { MemoryCommentaryStore } from './commentary-store.ts';
import { MemoryConfirmationCeiling } from './confirmation-ceiling.ts';
import { MemoryDeliveryStore } from './delivery-store.ts';
import { MemoryErasureMarkers } from './erasure-markers.ts';
import { MemoryFeedbackSets } from './feedback-sets.ts';
import { MemoryLog } from './log.ts';
import { MemoryMailboxLog } from './mailbox-log.ts';
import { MemoryMailer } from './mailer.ts';
import { MemoryRateLimiter } from './rate-limiter.ts';
import { MemoryReaderWeeks } from './reader-weeks.ts';
import { MemoryRenderStore } from './render-store.ts';
import { MemorySendQueue } from './send-queue.ts';
import { MemorySendRecordStore } from './send-record-store.ts';
import { MemorySubscriberStore } from './subscriber-store.ts';
import { MemorySummaryStore } from './summary-store.ts';

/** Every port in memory, a settable clock and real key material: what a use-case test runs on. */
export function memoryWorld(start = Date.UTC(2026, 10, 24, 9)) {
  const clock = { now: start };
  const { ring, idKey } = parseSecrets(JSON.stringify({ master: 'm'.repeat(43) }));
  const subscribers = new MemorySubscriberStore(4);
  const w = {
    clock,
    now: () => clock.now,
    ring,
    idKey,
    publicUrl: 'https://news.example.org',
    subscribers,
    sends: new MemorySendRecordStore(),
    renders: new MemoryRenderStore(),
    deliveries: new MemoryDeliveryStore(subscribers),
    summaries: new MemorySummaryStore(),
    feedback: new MemoryFeedbackSets(),
    commentaries: new MemoryCommentaryStore(),
    mailer: new MemoryMailer(),
    queue: new MemorySendQueue(),
    mailboxes: new MemoryMailboxLog({ minIntervalMs: 120_000, maxPerDay: 5 }),
    /** The hourly ceiling on confirmation e-mails: high enough never to matter unless a test lowers it. */
    ceiling: new MemoryConfirmationCeiling(1_000),
    /** Every subscribe request queued for its confirmation e-mail, in order. */
    confirmations: [] as ConfirmationRequest[],
    log: new MemoryLog(),
    weeks: new MemoryReaderWeeks(),
    erasures: new MemoryErasureMarkers(),
  };
  return {
    ...w,
    /** The subscription use cases' dependencies. */
    subscription(): SubscriptionDeps {
      return {
        store: w.subscribers,
        ring,
        idKey,
        now: w.now,
        publicUrl: w.publicUrl,
        log: w.log,
        weeks: w.weeks,
        timeZone: 'Europe/Minsk',
        erasures: w.erasures,
      };
    },
    /**
     * Subscribe's dependencies, 10 requests per client and 10 minutes; its queue hands each request straight to the
     * confirmation mailer (2-minute cooldown, 5 a day per mailbox).
     */
    subscribe(): SubscribeDeps {
      const mailerDeps = this.sendConfirmation();
      return {
        ...this.subscription(),
        rateLimiter: new MemoryRateLimiter(10, 600),
        sealer: testSealer,
        confirmations: {
          enqueue: async (request) => {
            // As SQS hands it to the consumer: JSON text, read with the consumer's schema.
            w.confirmations.push(confirmationRequestSchema.parse(JSON.parse(JSON.stringify(request))));
            await sendConfirmation(mailerDeps, request);
          },
        },
        policy: { consentTextVersion: 'test-v1' },
      };
    },
    /** The confirmation mailer's dependencies (the queue consumer behind subscribe). */
    sendConfirmation(): SendConfirmationDeps {
      return {
        ...this.subscription(),
        mailer: w.mailer,
        cipher: testCipher,
        mailboxes: w.mailboxes,
        ceiling: w.ceiling,
        policy: {
          cooldown: { minIntervalMs: 120_000, maxPerDay: 5 },
          pendingExpiryMs: 7 * 86_400_000,
          confirmTokenTtlMs: 7 * 86_400_000,
        },
      };
    },
    /** Dispatch's dependencies, all languages, batches of `batchSize`. */
    dispatch(batchSize = 3): DispatchDeps {
      return {
        commentaries: w.commentaries,
        recipients: w.subscribers,
        sends: w.sends,
        renders: w.renders,
        queue: w.queue,
        holds: { isHeld: async () => false },
        sender: new StandInSenderVerification('weekly@newsletter.example', true),
        settings: { languages: ['en', 'be', 'ru'], fallbacks: {}, timeZone: 'Europe/Minsk', batchSize },
        now: w.now,
        log: w.log,
      };
    },
    /** Deliver's dependencies, with a 3-minute claim timeout. */
    deliver(): DeliverDeps {
      return {
        renders: w.renders,
        deliveries: w.deliveries,
        mailer: w.mailer,
        cipher: testCipher,
        ring,
        idKey,
        erasures: w.erasures,
        publicUrl: w.publicUrl,
        listId: 'weekly.example.org',
        now: w.now,
        log: w.log,
        claimTimeoutMs: 180_000,
        renderCache: new Map(),
      };
    },
  };
}

/** A world of memory ports. */
export type MemoryWorld = ReturnType<typeof memoryWorld>;
