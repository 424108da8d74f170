import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryBatch } from '../core/send.ts';

/**
 * A queue on SQS: dispatch puts batches on the send queue (the deliverer's back-off delays them), subscribe puts
 * confirmation requests on the confirmation queue. Serves SendQueue (the default) and ConfirmationQueue.
 */
export class SqsQueue<T = DeliveryBatch> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** A queue on a default client. */
  static create<T = DeliveryBatch>(queueUrl: string): SqsQueue<T> {
    return new SqsQueue<T>(new SQSClient({}), queueUrl);
  }

  /** Puts one message on the queue. */
  async enqueue(batch: T): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(batch) }));
  }

  /** Makes a received message visible again only after `seconds` (back-off through the queue). */
  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  }
}
