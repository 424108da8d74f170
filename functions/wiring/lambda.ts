import { SqsQueue } from '../adapters/sqs/queue.ts';
import type { SendMessage } from '../core/queue-messages.ts';
import { createAddressCipher } from './address-cipher.ts';
import { createMailer } from './mailer.ts';
import { createSendContext, dispatchDeps, sendPipelineDeps, sesEventDeps } from './send.ts';

type Env = Record<string, string | undefined>;

/** The dispatch function's dependencies: the send context over the SQS send queue (QUEUE_URL is required). */
export async function createDispatchContext(env: Env = process.env) {
  const ctx = await createSendContext(env);
  if (!ctx.config.QUEUE_URL) throw new Error('invalid configuration: QUEUE_URL is required by the dispatcher');
  return { log: ctx.log, deps: dispatchDeps(ctx, SqsQueue.create(ctx.config.QUEUE_URL)) };
}

/**
 * The deliver function's send pipeline over the SQS send queue (it hands batches back to it for a later try, and
 * the completion check and report e-mail go through it too).
 */
export async function createDeliverContext(env: Env = process.env) {
  const ctx = await createSendContext(env);
  if (!ctx.config.QUEUE_URL) throw new Error('invalid configuration: QUEUE_URL is required by the deliverer');
  // One attempt per call: throttling is retried through the queue with back-off, never in a hot loop here; paced to
  // this invocation's share of the account's rate, so that the deliverers together are not throttled at all.
  const rate = ctx.config.DELIVER_SEND_RATE;
  const digest = createMailer(ctx.config, { attempts: 1, ...(rate ? { perSecond: rate } : {}) });
  const report = createMailer(ctx.config);
  // The one unwrap of the data keys of this cold start: the deliverer opens each reader's address to mail it.
  const cipher = await createAddressCipher(ctx.secrets, ctx.config);
  return {
    log: ctx.log,
    pipeline: sendPipelineDeps(ctx, { digest, report, cipher }, SqsQueue.create<SendMessage>(ctx.config.QUEUE_URL)),
  };
}

/** The SES-events function's dependencies. */
export async function createSesEventContext(env: Env = process.env) {
  const ctx = await createSendContext(env);
  return { log: ctx.log, deps: sesEventDeps(ctx) };
}
