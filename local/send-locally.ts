import { InProcessQueue } from '../functions/adapters/memory-queue.ts';
import { SesMailer } from '../functions/adapters/ses-mailer.ts';
import { type DeliverDeps, deliverBatch } from '../functions/app/deliver.ts';
import { type DispatchResult, dispatch, requeueEdition } from '../functions/app/dispatch.ts';
import type { Mailer } from '../functions/app/ports.ts';
import type { Language } from '../functions/core/language.ts';
import type { createSendContext } from '../functions/handlers/context.ts';

/** Progress of a local send, reported after every batch. */
export interface SendProgress {
  planned: number;
  sent: number;
  skipped: number;
  failed: number;
  duplicates: number;
  retries: number;
}

/** Options of a local send. */
export interface LocalSendOptions {
  readonly edition?: string;
  readonly concurrency?: number;
  readonly mailer?: Mailer;
  /** Wait before a throttled batch comes back (default: exponential from 50 ms, jittered, at most 2 s). */
  readonly retryDelayMs?: (receiveCount: number) => number;
  /** A claim older than this is taken as abandoned (default: the deployed value); must be below crashDelayMs. */
  readonly claimTimeoutMs?: number;
  /** How long a batch whose consumer died stays invisible before it comes back (SQS visibility timeout). */
  readonly crashDelayMs?: number;
  /** Put every batch on the queue twice, as an at-least-once queue may deliver it. */
  readonly duplicateMessages?: boolean;
  readonly onProgress?: (p: SendProgress) => void;
}

type SendContext = Awaited<ReturnType<typeof createSendContext>>;

/**
 * Runs an edition's send in this process: dispatch and deliver through an in-process queue that implements the
 * same port as SQS; returns when every e-mail has been handed to SES. An edition whose dispatch finished earlier is
 * requeued so that readers a stopped process never reached are mailed now (the claims skip everyone else).
 */
export async function sendLocally(ctx: SendContext, options: LocalSendOptions = {}) {
  const mailer = options.mailer ?? SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET, 1);
  const deps: DeliverDeps = {
    ...ctx.deliverDeps(mailer),
    ...(options.claimTimeoutMs ? { claimTimeoutMs: options.claimTimeoutMs } : {}),
  };
  const progress: SendProgress = { planned: 0, sent: 0, skipped: 0, failed: 0, duplicates: 0, retries: 0 };
  const delay = options.retryDelayMs ?? ((n: number) => Math.min(2000, 50 * 2 ** n) * (0.5 + Math.random() / 2));
  const queue = new InProcessQueue(
    async (batch, receiveCount) => {
      const outcome = await deliverBatch(deps, batch);
      progress.sent += outcome.sent;
      progress.skipped += outcome.skipped;
      progress.failed += outcome.failed;
      progress.duplicates += outcome.duplicates;
      if (outcome.retry) progress.retries++;
      options.onProgress?.({ ...progress });
      return outcome.retry ? { done: false, delayMs: delay(receiveCount) } : { done: true };
    },
    { concurrency: options.concurrency ?? 4, crashDelayMs: options.crashDelayMs ?? deps.claimTimeoutMs + 1000 },
  );
  const dispatchDeps = {
    commentaries: ctx.commentaries,
    recipients: ctx.subscribers,
    sends: ctx.sends,
    renders: ctx.renders,
    queue: {
      enqueue: async (batch: Parameters<typeof queue.enqueue>[0]) => {
        progress.planned += batch.ids.length;
        await queue.enqueue(batch);
        if (options.duplicateMessages) await queue.enqueue(batch);
      },
    },
    settings: ctx.settings,
    now: Date.now,
    log: ctx.log,
  };
  const result: DispatchResult = await dispatch(dispatchDeps, options.edition ? { edition: options.edition } : {});
  if (result.status === 'already-started' || result.status === 'in-progress') {
    const record = await ctx.sends.get(result.edition);
    const languages = Object.keys(record?.languages ?? {}) as Language[];
    await requeueEdition(dispatchDeps, result.edition, languages);
  }
  await queue.drain();
  return { result, progress, deadLetters: queue.deadLetters };
}
