import { DynamoConfirmationCeiling } from '../adapters/dynamo/confirmation-ceiling.ts';
import { DynamoMailboxLog } from '../adapters/dynamo/mailbox-log.ts';
import { InProcessQueue } from '../adapters/in-process/queue.ts';
import { SesMailer } from '../adapters/ses/mailer.ts';
import { type SendConfirmationDeps, sendConfirmation } from '../app/send-confirmation.ts';
import { ConfirmationsPausedError } from '../core/errors.ts';
import { type ConfirmationRequest, confirmationRequestSchema } from '../core/queue-messages.ts';
import type { SubscriptionContext } from './subscription.ts';

/** The confirmation mailer's dependencies: the subscription context plus SES and the mailbox cooldown log. */
export function confirmationDeps(context: SubscriptionContext): SendConfirmationDeps {
  const { config, db, deps } = context;
  return {
    ...deps,
    // One attempt per call: a failed send is retried through the queue, with its cooldown slot given back.
    mailer: SesMailer.create(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET, 1),
    mailboxes: new DynamoMailboxLog(db, config.TABLE_NAME, deps.policy.cooldown),
    ceiling: new DynamoConfirmationCeiling(db, config.TABLE_NAME, config.CONFIRMATIONS_PER_HOUR),
  };
}

/**
 * The queue of confirmation requests when no SQS queue is configured (`npm start` and the tests): the same contract
 * in this process (at-least-once, a failed send comes back after a delay, dead letters after 10 receives).
 */
export function inProcessConfirmations(deps: SendConfirmationDeps): InProcessQueue<ConfirmationRequest> {
  return new InProcessQueue<ConfirmationRequest>(
    async (request) => {
      try {
        // Read as the Lambda consumer reads an SQS message, so a producer's mistake shows locally too.
        await sendConfirmation(deps, confirmationRequestSchema.parse(request));
      } catch (error) {
        // Paused by the hourly ceiling: back when the next hour starts, as the SQS consumer makes it.
        if (error instanceof ConfirmationsPausedError) return { done: false, delayMs: error.retryAt - deps.now() };
        throw error;
      }
      return { done: true };
    },
    // Eight at a time: with four, the e-mails of a burst of 100 connections took the load's time twice over to drain
    // (bench figure 4: 0.60 of the floor's requests per second with four, 0.83 with eight).
    { concurrency: 8, crashDelayMs: 250 },
  );
}
