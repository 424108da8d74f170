import { Duration, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How long a failed confirmation request (an address in clear) is kept for redrive. */
export const CONFIRMATION_DLQ_RETENTION_DAYS = 3;

/** Options of the confirmation queue. */
export interface ConfirmationQueueProps {
  /** The consumer's timeout; the visibility timeout is six times it (AWS's advice for event sources). */
  readonly consumerTimeout?: Duration;
}

/**
 * The queue between `POST /subscribe` and the confirmation mailer, so the answer never waits for (or reveals) what
 * happens to the address; a failed send comes back after the visibility timeout, five receives, then the alarmed
 * dead-letter queue.
 */
export class ConfirmationQueue extends Construct {
  /** Subscribe requests waiting for their e-mail. */
  readonly queue: Queue;
  /** Requests whose e-mail failed five times. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ConfirmationQueueProps = {}) {
    super(scope, id);
    const secure = { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED } as const;
    // Each request carries the address in clear: the dead-letter queue keeps it only as long as the received mail
    // (long enough to redrive after the alarm, short for personal data). SQS counts from the first enqueue.
    this.deadLetterQueue = new Queue(this, 'Dlq', {
      ...secure,
      retentionPeriod: Duration.days(CONFIRMATION_DLQ_RETENTION_DAYS),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: `this queue is itself a dead-letter queue; what lands here is kept ${CONFIRMATION_DLQ_RETENTION_DAYS} days for inspection and redrive (it holds addresses), and an alarm fires on the first message`,
    });
    this.queue = new Queue(this, 'Queue', {
      ...secure,
      visibilityTimeout: Duration.seconds((props.consumerTimeout ?? Duration.seconds(30)).toSeconds() * 6),
      // A confirmation link older than a day is of little use; the reader can ask again.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
  }

  /** Feeds the queue to the mailer: up to 10 requests an invocation, failed ones reported one by one. */
  attachConsumer(fn: IFunction): SqsEventSource {
    const source = new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 });
    fn.addEventSource(source);
    return source;
  }
}
