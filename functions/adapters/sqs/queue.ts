import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Redelivery } from '../../app/ports/redelivery.ts';
import type { DeliveryBatch } from '../../core/queue-messages.ts';

/** SQS takes at most this many messages in one SendMessageBatch call. */
export const SQS_BATCH_ENTRIES = 10;

const ATTEMPTS = 3;

/**
 * A queue on SQS: dispatch puts batches on the send queue (the deliverer's back-off delays them), subscribe puts
 * confirmation requests on the confirmation queue. Serves SendQueue (the default) and ConfirmationQueue.
 */
export class SqsQueue<T = DeliveryBatch> implements Redelivery {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** A queue on a default client. */
  static create<T = DeliveryBatch>(queueUrl: string): SqsQueue<T> {
    return new SqsQueue<T>(new SQSClient({}), queueUrl);
  }

  /** Puts one message on the queue, visible after `delaySeconds`. */
  async enqueue(batch: T, delaySeconds = 0): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(batch),
        ...(delaySeconds > 0 ? { DelaySeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}),
      }),
    );
  }

  /**
   * Puts the batches on the queue, ten messages per SendMessageBatch call; entries SQS reports as failed are sent
   * again (twice at most), then the call throws, so dispatch stops before its checkpoint and a resume re-queues.
   */
  async enqueueMany(batches: readonly T[]): Promise<void> {
    for (let i = 0; i < batches.length; i += SQS_BATCH_ENTRIES) {
      let entries = batches
        .slice(i, i + SQS_BATCH_ENTRIES)
        .map((batch, j) => ({ Id: String(j), MessageBody: JSON.stringify(batch) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        if (failed.size > 0 && attempt >= ATTEMPTS) throw new Error(`SQS refused ${failed.size} message(s)`);
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
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
  async retryLater(receipt: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receipt,
        VisibilityTimeout: seconds,
      }),
    );
  }
}
