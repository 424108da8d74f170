import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { deliverBatch } from '../app/deliver.ts';
import { LANGUAGES } from '../core/language.ts';
import { retryDelaySeconds } from '../core/send.ts';
import { createDeliverContext } from '../wiring/lambda.ts';

const { deps, queue, log, metrics } = await createDeliverContext();
const processor = new BatchProcessor(EventType.SQS);

const SAFETY_MS = 15_000;

const batchSchema = z.object({
  edition: z.string().check(z.regex(/^\d{4}-W\d{2}$/)),
  language: z.enum(LANGUAGES),
  ids: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))).check(z.minLength(1), z.maxLength(500)),
});

/** Marks a message the queue should deliver again (after the visibility change already made). */
class RetryLater extends Error {}

function parseMessage(record: SQSRecord): z.output<typeof batchSchema> {
  try {
    return batchSchema.parse(JSON.parse(record.body));
  } catch (error) {
    // A message that can never be delivered goes to the dead-letter queue after its retries.
    log.error('deliver: malformed queue message', { messageId: record.messageId });
    throw error;
  }
}

/** Delivers one message's batch; throws (a batch item failure) when the message should come back. */
async function deliverRecord(record: SQSRecord, context?: Context): Promise<void> {
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
  if (!outcome.retry) return;
  const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? 1);
  const delay = retryDelaySeconds(outcome.retry, receiveCount, Math.random());
  await queue?.retryLater(record.receiptHandle, delay);
  throw new RetryLater(outcome.retry);
}

/**
 * The queue consumer: Powertools' batch processor delivers the messages one after another (one SES call at a time
 * per invocation, as the stack's concurrency formula assumes) and reports the ones to retry as batch item failures.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(log.logger))
  .handler((event, context) =>
    processPartialResponse(event, deliverRecord, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    }),
  );
