import { DynamoConfirmationCeiling } from '../adapters/dynamo/confirmation-ceiling.ts';
import { DynamoMailboxLog } from '../adapters/dynamo/mailbox-log.ts';
import { InProcessQueue } from '../adapters/in-process/queue.ts';
import { type SendConfirmationDeps, sendConfirmation } from '../app/send-confirmation.ts';
import { ConfirmationsPausedError } from '../core/errors.ts';
import { type ConfirmationRequest, confirmationRequestSchema } from '../core/queue-messages.ts';
import { createAddressCipher } from './address-cipher.ts';
import { createMailer } from './mailer.ts';
import type { SubscriptionContext } from './subscription.ts';

/**
 * The confirmation mailer's dependencies: the subscription context plus SES, the mailbox cooldown log and the address
 * cipher (its data keys unwrapped once, here) that seals the address into the subscription.
 */
export async function confirmationDeps(context: SubscriptionContext): Promise<SendConfirmationDeps> {
  const { config, db, deps } = context;
  return {
    ...deps,
    cipher: await createAddressCipher(context.secrets, config),
    // One attempt per call: a failed send is retried through the queue, with its cooldown slot given back.
    mailer: createMailer(config, { attempts: 1 }),
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

/**
 * Keeps a paused confirmation request invisible on its SQS queue until `seconds` from now. The SQS client is loaded
 * on the first pause only, so a cold start without one does not carry it.
 */
export async function holdConfirmationMessage(queueArn: string, receiptHandle: string, seconds: number) {
  const { holdMessage } = await import('../adapters/sqs/visibility.ts');
  await holdMessage(queueArn, receiptHandle, seconds);
}
