import { InProcessQueue } from '../functions/adapters/in-process/queue.ts';
import { SesMailer } from '../functions/adapters/ses/mailer.ts';
import { type DeliverDeps, deliverBatch } from '../functions/app/deliver.ts';
import { type DispatchResult, dispatch, requeueEdition } from '../functions/app/dispatch.ts';
import type { Mailer } from '../functions/app/ports/mailer.ts';
import type { Language } from '../functions/core/language.ts';
import { type DeliveryBatch, retryDelaySeconds } from '../functions/core/send.ts';
import { deliverDeps, dispatchDeps, type SendContext } from '../functions/wiring/send.ts';

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
  readonly deadLetters: readonly { ids: readonly string[] }[];
}

/**
 * The dispatch function as the local runner runs it: the same dispatch and deliver use cases as on Lambda, joined
 * by an in-process queue with the same contract as SQS and core's back-off for batches that come back. Resolves
 * when every e-mail has been handed to SES. The in-process queue does not survive the process, so an edition whose
 * dispatch finished earlier is requeued: the delivery claims let only readers never reached be mailed now.
 */
export async function dispatchLocally(
  ctx: SendContext,
  input: { edition?: string } = {},
  options: LocalDispatchOptions = {},
): Promise<LocalSendResult> {
  const mailer = options.mailer ?? SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET, 1);
  const deps: DeliverDeps = {
    ...deliverDeps(ctx, mailer),
    ...(options.claimTimeoutMs ? { claimTimeoutMs: options.claimTimeoutMs } : {}),
  };
  const second = options.secondMs ?? 1000;
  const progress: SendProgress = { planned: 0, sent: 0, skipped: 0, failed: 0, duplicates: 0, retries: 0 };
  const queue = new InProcessQueue(
    async (batch, receiveCount) => {
      const outcome = await deliverBatch(deps, batch);
      progress.sent += outcome.sent;
      progress.skipped += outcome.skipped;
      progress.failed += outcome.failed;
      progress.duplicates += outcome.duplicates;
      if (outcome.retry) progress.retries++;
      options.onProgress?.({ ...progress });
      if (!outcome.retry) return { done: true };
      return { done: false, delayMs: retryDelaySeconds(outcome.retry, receiveCount, Math.random()) * second };
    },
    { concurrency: options.concurrency ?? 4, crashDelayMs: options.crashDelayMs ?? deps.claimTimeoutMs + 1000 },
  );
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
