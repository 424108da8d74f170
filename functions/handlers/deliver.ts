import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { createMetrics } from '../adapters/metrics.ts';
import { PacedMailer } from '../adapters/paced-mailer.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { SqsQueue } from '../adapters/sqs-queue.ts';
import { deliverBatch } from '../app/deliver.ts';
import { mailReportWhenComplete } from '../app/report-mail.ts';
import { LANGUAGES } from '../core/language.ts';
import { retryDelaySeconds } from '../core/send.ts';
import { reportMailDeps } from '../wiring/feeds.ts';
import { createSendContext } from './context.ts';

const ctx = await createSendContext();
// What must wait (SES back-off, re-checks of held deliveries) goes back on the queue as a new message.
const queue = ctx.config.QUEUE_URL ? SqsQueue.create(ctx.config.QUEUE_URL) : undefined;
// One attempt per call: throttling is retried through the queue with back-off, never in a hot loop here; paced to
// this invocation's share of the account's rate, so that the deliverers together are not throttled at all.
const ses = SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET, 1);
const rate = ctx.config.DELIVER_SEND_RATE;
const deps = ctx.deliverDeps(rate ? new PacedMailer(ses, rate) : ses, queue);
const report = reportMailDeps(ctx, SesMailer.create(ctx.config.SENDER_EMAIL, ctx.config.SES_CONFIGURATION_SET));

/**
 * Once the queue has nothing waiting, the editions this invocation finished batches of may be complete: the exact
 * check (and the once-only report e-mail) follows. It never fails the batch: a report that could not go out now is
 * tried again by the next completion seen.
 */
async function reportIfDrained(editions: ReadonlySet<string>): Promise<void> {
  if (editions.size === 0 || !queue || ctx.config.EDITOR_EMAILS.length === 0) return;
  try {
    if ((await queue.waiting()) > 0) return;
    for (const edition of editions) {
      const outcome = await mailReportWhenComplete(report, edition);
      ctx.log.info('deliver: report check', { edition, outcome });
    }
  } catch (error) {
    ctx.log.error('deliver: report check failed', { error: error as Error });
  }
}

const metrics = createMetrics();

const SAFETY_MS = 15_000;

const batchSchema = z.object({
  edition: z.string().check(z.regex(/^\d{4}-W\d{2}$/)),
  language: z.enum(LANGUAGES),
  ids: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))).check(z.minLength(1), z.maxLength(500)),
  deferrals: z.optional(z.number().check(z.int(), z.nonnegative())),
  deferredSince: z.optional(z.number().check(z.int(), z.positive())),
  recheck: z.optional(z.boolean()),
});

/** The queue consumer: delivers each batch and reports the ones to retry (SQS partial batch response). */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event, context) => {
  // Stop claiming while there is still time for one more SES call and its settle write; the rest comes back.
  const remaining =
    typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
  const deadline = remaining === undefined ? undefined : Date.now() + remaining - SAFETY_MS;
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  const finished = new Set<string>();
  // One message after another: one SES call at a time per invocation, as the stack's concurrency formula assumes.
  for (const record of event.Records) {
    let batch: z.output<typeof batchSchema>;
    try {
      batch = batchSchema.parse(JSON.parse(record.body));
    } catch {
      // A message that can never be delivered goes to the dead-letter queue after its retries.
      ctx.log.error('deliver: malformed queue message', { messageId: record.messageId });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    let outcome: Awaited<ReturnType<typeof deliverBatch>>;
    try {
      outcome = await deliverBatch(deps, batch, deadline === undefined ? {} : { deadline });
    } catch (error) {
      ctx.log.error('deliver: batch failed', { messageId: record.messageId, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    ctx.log.info('deliver: batch done', { messageId: record.messageId, edition: batch.edition, ...outcome });
    const where = { edition: batch.edition, language: batch.language };
    for (const name of ['sent', 'failed', 'skipped'] as const) metrics.count(name, outcome[name], where);
    if (outcome.retry === 'throttled') metrics.count('throttled', 1, where);
    if (outcome.retry) {
      const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? 1);
      const delay = retryDelaySeconds(outcome.retry, receiveCount, Math.random());
      await queue?.retryLater(record.receiptHandle, delay);
      failures.push({ itemIdentifier: record.messageId });
    } else finished.add(batch.edition);
  }
  await reportIfDrained(finished);
  return { batchItemFailures: failures };
});
