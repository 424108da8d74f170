import { createMetrics } from '../adapters/emf/count-metrics.ts';
import { PacedMailer } from '../adapters/paced/mailer.ts';
import { SesMailer } from '../adapters/ses/mailer.ts';
import { SqsQueue } from '../adapters/sqs/queue.ts';
import { reportMailDeps } from './feeds.ts';
import { createSendContext, deliverDeps, dispatchDeps, sesEventDeps } from './send.ts';

type Env = Record<string, string | undefined>;

/** The dispatch function's dependencies: the send context over the SQS send queue (QUEUE_URL is required). */
export async function createDispatchContext(env: Env = process.env) {
  const ctx = await createSendContext(env);
  if (!ctx.config.QUEUE_URL) throw new Error('invalid configuration: QUEUE_URL is required by the dispatcher');
  return { log: ctx.log, deps: dispatchDeps(ctx, SqsQueue.create(ctx.config.QUEUE_URL)) };
}

/**
 * The deliver function's dependencies, the queue it hands batches back to for a later try (what must wait: SES
 * back-off, re-checks of held deliveries), and the report e-mail's dependencies with the editors to mail.
 */
export async function createDeliverContext(env: Env = process.env) {
  const ctx = await createSendContext(env);
  // One attempt per call: throttling is retried through the queue with back-off, never in a hot loop here; paced to
  // this invocation's share of the account's rate, so that the deliverers together are not throttled at all.
  const ses = SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET, 1);
  const rate = ctx.config.DELIVER_SEND_RATE;
  const mailer = rate ? new PacedMailer(ses, rate) : ses;
  const queue = ctx.config.QUEUE_URL ? SqsQueue.create(ctx.config.QUEUE_URL) : undefined;
  const report = reportMailDeps(ctx, SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET));
  return {
    log: ctx.log,
    deps: deliverDeps(ctx, mailer, queue),
    queue,
    report,
    editors: ctx.config.EDITOR_EMAILS,
    metrics: createMetrics(),
  };
}

/** The SES-events function's dependencies. */
export async function createSesEventContext(env: Env = process.env) {
  const ctx = await createSendContext(env);
  return { log: ctx.log, deps: sesEventDeps(ctx) };
}
