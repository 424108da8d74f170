import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { handleSendMessage } from '../app/send-pipeline.ts';
import { sendMessageSchema } from '../core/queue-messages.ts';
import { createDeliverContext } from '../wiring/lambda.ts';

const { pipeline, log } = await createDeliverContext();
const processor = new BatchProcessor(EventType.SQS);

/** Marks a message the queue gives back later (its visibility already changed by the pipeline). */
class RetryLater extends Error {}

/** Parse → the send pipeline → a batch item failure when the message must come back. */
async function deliverRecord(record: SQSRecord, context: Context): Promise<void> {
  let message: ReturnType<typeof sendMessageSchema.parse>;
  try {
    message = sendMessageSchema.parse(JSON.parse(record.body));
  } catch (error) {
    // A message that can never be delivered goes to the dead-letter queue after its retries.
    log.error('deliver: malformed queue message', { messageId: record.messageId });
    throw error;
  }
  const remainingMs =
    typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
  const received = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
    receipt: record.receiptHandle,
    ...(remainingMs === undefined ? {} : { remainingMs }),
  };
  if ((await handleSendMessage(pipeline, message, received)).retry) throw new RetryLater(record.messageId);
}

/**
 * The send queue's consumer: Powertools' batch processor hands the messages one after another (one SES call at a
 * time per invocation, as the stack's concurrency formula assumes) to the send pipeline and reports the ones to
 * retry as batch item failures.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(log.logger))
  .handler(async (event, context) =>
    processPartialResponse(event, (record: SQSRecord) => deliverRecord(record, context), processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    }),
  );
