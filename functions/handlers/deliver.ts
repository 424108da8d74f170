import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverBatch } from '../app/deliver.ts';
import { mailReportWhenComplete } from '../app/report-mail.ts';
import { type DeliveryBatch, deliveryBatchSchema } from '../core/queue-messages.ts';
import { retryDelaySeconds } from '../core/send.ts';
import { createDeliverContext } from '../wiring/lambda.ts';

const { deps, queue, report, log, metrics } = await createDeliverContext();
const processor = new BatchProcessor(EventType.SQS);

const SAFETY_MS = 15_000;

/** Marks a message the queue should deliver again (after the visibility change already made). */
class RetryLater extends Error {}

function parseMessage(record: SQSRecord): DeliveryBatch {
  try {
    return deliveryBatchSchema.parse(JSON.parse(record.body));
  } catch (error) {
    // A message that can never be delivered goes to the dead-letter queue after its retries.
    log.error('deliver: malformed queue message', { messageId: record.messageId });
    throw error;
  }
}

/**
 * Once the queue has nothing waiting, the editions this invocation finished batches of may be complete: the exact
 * check follows, which records the edition's summary (editors or not) and mails the once-only report. It never fails
 * the batch: a report that could not go out now is tried again by the next completion seen.
 */
async function reportIfDrained(editions: ReadonlySet<string>): Promise<void> {
  if (editions.size === 0 || !queue) return;
  try {
    if ((await queue.waiting()) > 0) return;
    for (const edition of editions) {
      const outcome = await mailReportWhenComplete(report, edition);
      log.info('deliver: report check', { edition, outcome });
    }
  } catch (error) {
    log.error('deliver: report check failed', { error: error as Error });
  }
}

/** Delivers one message's batch; throws (a batch item failure) when the message should come back. */
async function deliverRecord(record: SQSRecord, finished: Set<string>, context?: Context): Promise<void> {
  const batch = parseMessage(record);
  // Stop claiming while there is still time for one more SES call and its settle write; the rest comes back.
  const remaining =
    typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
  const options = remaining === undefined ? {} : { deadline: Date.now() + remaining - SAFETY_MS };
  const outcome = await deliverBatch(deps, batch, options).catch((error: unknown) => {
    log.error('deliver: batch failed', { messageId: record.messageId, error: error as Error });
    throw error;
  });
  log.info('deliver: batch done', { messageId: record.messageId, edition: batch.edition, ...outcome });
  const where = { edition: batch.edition, language: batch.language };
  for (const name of ['sent', 'failed', 'skipped'] as const) metrics.count(name, outcome[name], where);
  if (outcome.retry === 'throttled') metrics.count('throttled', 1, where);
  if (!outcome.retry) {
    finished.add(batch.edition);
    return;
  }
  const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? 1);
  const delay = retryDelaySeconds(outcome.retry, receiveCount, Math.random());
  await queue?.retryLater(record.receiptHandle, delay);
  throw new RetryLater(outcome.retry);
}

/**
 * The queue consumer: Powertools' batch processor delivers the messages one after another (one SES call at a time
 * per invocation, as the stack's concurrency formula assumes) and reports the ones to retry as batch item failures;
 * then the report e-mail goes out if an edition is complete.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(log.logger))
  .handler(async (event, context) => {
    const finished = new Set<string>();
    const response = await processPartialResponse(
      event,
      (record: SQSRecord) => deliverRecord(record, finished, context),
      processor,
      { context, processInParallel: false, throwOnFullBatchFailure: false },
    );
    await reportIfDrained(finished);
    return response;
  });
