import { InProcessQueue } from '../functions/adapters/in-process/queue.ts';
import { type DispatchResult, dispatch, requeueEdition } from '../functions/app/dispatch.ts';
import type { Mailer } from '../functions/app/ports/mailer.ts';
import { handleSendMessage, type MessageOutcome, type SendPipelineDeps } from '../functions/app/send-pipeline.ts';
import type { Language } from '../functions/core/language.ts';
import type { DeliveryBatch, SendMessage } from '../functions/core/queue-messages.ts';
import { createAddressCipher } from '../functions/wiring/address-cipher.ts';
import { createMailer } from '../functions/wiring/mailer.ts';
import { dispatchDeps, type SendContext, type SendMessageQueue, sendPipelineDeps } from '../functions/wiring/send.ts';

/** Progress of a local send, reported after every batch. */
export interface SendProgress {
  planned: number;
  sent: number;
  skipped: number;
  failed: number;
  duplicates: number;
  retries: number;
}

/** How the local runner's dispatch function runs; the defaults are what `npm start` uses. */
export interface LocalDispatchOptions {
  readonly concurrency?: number;
  readonly mailer?: Mailer;
  /** Length of one of core's back-off seconds in milliseconds (default 1000; tests shorten it). */
  readonly secondMs?: number;
  /** A claim older than this is taken as abandoned (default: the deployed value); must be below crashDelayMs. */
  readonly claimTimeoutMs?: number;
  /** How long a batch whose consumer died stays invisible before it comes back (SQS visibility timeout). */
  readonly crashDelayMs?: number;
  /** Put every batch on the queue twice, as an at-least-once queue may deliver it. */
  readonly duplicateMessages?: boolean;
  readonly onProgress?: (p: SendProgress) => void;
}

/** What a local send came to. */
export interface LocalSendResult {
  readonly result: DispatchResult;
  readonly progress: SendProgress;
  readonly deadLetters: readonly SendMessage[];
}

function tally(progress: SendProgress, outcome: MessageOutcome): void {
  const batch = outcome.batch;
  if (!batch) return;
  progress.sent += batch.sent;
  progress.skipped += batch.skipped;
  progress.failed += batch.failed;
  progress.duplicates += batch.duplicates;
  if (outcome.retry) progress.retries++;
}

/**
 * The dispatch function as the local runner runs it: the same dispatch and send pipeline as on Lambda (deliver, the
 * back-off, the completion check and the report e-mail), joined by an in-process queue with the same contract as
 * SQS. Resolves when every e-mail has been handed to SES and the edition's end was looked at. The in-process queue
 * does not survive the process, so an edition whose dispatch finished earlier is requeued: the delivery claims let
 * only readers never reached be mailed now.
 */
export async function dispatchLocally(
  ctx: SendContext,
  input: { edition?: string } = {},
  options: LocalDispatchOptions = {},
): Promise<LocalSendResult> {
  const digest = options.mailer ?? createMailer(ctx.config, { attempts: 1 });
  const report = createMailer(ctx.config);
  const claimTimeoutMs = options.claimTimeoutMs ?? ctx.config.DELIVER_CLAIM_TIMEOUT_SECONDS * 1000;
  const crashDelayMs = options.crashDelayMs ?? claimTimeoutMs + 1000;
  const progress: SendProgress = { planned: 0, sent: 0, skipped: 0, failed: 0, duplicates: 0, retries: 0 };
  const queue = new InProcessQueue<SendMessage>(
    async (message, receiveCount, receipt) => {
      const outcome = await handleSendMessage(pipeline, message, { messageId: receipt, receiveCount, receipt });
      tally(progress, outcome);
      if (outcome.batch) options.onProgress?.({ ...progress });
      return outcome.retry ? { done: false, delayMs: crashDelayMs } : { done: true };
    },
    { concurrency: options.concurrency ?? 4, crashDelayMs, secondMs: options.secondMs ?? 1000 },
  );
  // Every call of `waiting` comes from inside a consumer: the queue's own count is exact here, less that consumer.
  const sendQueue: SendMessageQueue = {
    enqueue: (message, delaySeconds) => queue.enqueue(message, delaySeconds),
    enqueueMany: (batches) => queue.enqueueMany(batches),
    waiting: async () => queue.size - 1,
    retryLater: (receipt, seconds) => queue.retryLater(receipt, seconds),
  };
  const cipher = await createAddressCipher(ctx.secrets, ctx.config);
  const base = sendPipelineDeps(ctx, { digest, report, cipher }, sendQueue, { checkDelaySeconds: 1, putBack: false });
  const pipeline: SendPipelineDeps = { ...base, deliver: { ...base.deliver, claimTimeoutMs } };
  const producer = {
    enqueue: async (batch: DeliveryBatch) => {
      progress.planned += batch.ids.length;
      await queue.enqueue(batch);
      if (options.duplicateMessages) await queue.enqueue(batch);
    },
    enqueueMany: async (batches: readonly DeliveryBatch[]) => {
      for (const batch of batches) await producer.enqueue(batch);
    },
  };
  const sendDeps = dispatchDeps(ctx, producer);
  const result = await dispatch(sendDeps, input);
  if (result.status === 'already-started' || result.status === 'in-progress') {
    const record = await ctx.sends.get(result.edition);
    const languages = Object.keys(record?.languages ?? {}) as Language[];
    await requeueEdition(sendDeps, result.edition, languages);
  }
  await queue.drain();
  return { result, progress, deadLetters: queue.deadLetters };
}
