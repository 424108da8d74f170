import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendConfirmation } from '../app/send-confirmation.ts';
import { confirmationRequestSchema } from '../core/queue-messages.ts';
import { confirmationDeps } from '../wiring/confirmations.ts';
import { createSubscriptionContext } from '../wiring/subscription.ts';

const deps = confirmationDeps(await createSubscriptionContext());

/**
 * The confirmation queue's consumer: mails each subscribe request's confirmation; a message whose send failed is
 * reported back (partial batch response) and comes again after the visibility timeout, then lands in the alarmed
 * dead-letter queue.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const outcome = await sendConfirmation(deps, confirmationRequestSchema.parse(JSON.parse(record.body)));
      deps.log.info('confirmation handled', { messageId: record.messageId, outcome });
    } catch (error) {
      deps.log.error('confirmation failed', { messageId: record.messageId, error: error as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
});
