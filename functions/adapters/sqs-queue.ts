import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SendQueue } from '../app/ports.ts';
import type { DeliveryBatch } from '../core/send.ts';

/** The send queue on SQS: dispatch puts batches on it, the deliverer's back-off delays them. */
export class SqsQueue implements SendQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** A queue on a default client. */
  static create(queueUrl: string): SqsQueue {
    return new SqsQueue(new SQSClient({}), queueUrl);
  }

  /** Puts one batch on the queue, visible after `delaySeconds`. */
  async enqueue(batch: DeliveryBatch, delaySeconds = 0): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(batch),
        ...(delaySeconds > 0 ? { DelaySeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}),
      }),
    );
  }

  /** How many messages wait on the queue (visible or delayed; in-flight ones not counted), as SQS estimates it. */
  async waiting(): Promise<number> {
    const out = await this.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    const a = out.Attributes ?? {};
    return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
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
