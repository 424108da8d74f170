import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendConfirmation } from '../app/send-confirmation.ts';
import { ConfirmationsPausedError } from '../core/errors.ts';
import { confirmationRequestSchema } from '../core/queue-messages.ts';
import { confirmationDeps, holdConfirmationMessage } from '../wiring/confirmations.ts';
import { createSubscriptionContext } from '../wiring/subscription.ts';

const context = await createSubscriptionContext();
const deps = await confirmationDeps(context);

/**
 * The confirmation queue's consumer: mails each subscribe request's confirmation; a message whose send failed is
 * reported back (partial batch response) and comes again after the visibility timeout, then lands in the alarmed
 * dead-letter queue. One paused by the hourly ceiling is reported back too, invisible until the next hour.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const outcome = await sendConfirmation(deps, confirmationRequestSchema.parse(JSON.parse(record.body)));
      deps.log.info('confirmation handled', { messageId: record.messageId, outcome });
    } catch (error) {
      failures.push({ itemIdentifier: record.messageId });
      if (error instanceof ConfirmationsPausedError) {
        // Past the hourly ceiling: counted (alarmed), and the message waits for the next hour.
        context.metrics.count('ConfirmationsPaused', 1);
        const seconds = (error.retryAt - deps.now()) / 1000;
        await holdConfirmationMessage(record.eventSourceARN, record.receiptHandle, seconds).catch((cause: unknown) =>
          deps.log.error('confirmation pause: visibility not changed', { error: cause as Error }),
        );
        continue;
      }
      deps.log.error('confirmation failed', { messageId: record.messageId, error: error as Error });
    }
  }
  return { batchItemFailures: failures };
});
