import type { DeliveryBatch } from '../../core/queue-messages.ts';

/** Puts delivery batches on the queue (SQS on AWS, in-process locally): dispatch queues, the deliverer re-queues. */

export interface SendQueue {
  /** Queues a batch, visible to consumers after `delaySeconds` (at most 900). */
  enqueue(batch: DeliveryBatch, delaySeconds?: number): Promise<void>;
  /** Queues many batches at once, visible at once (on SQS ten to a SendMessageBatch call): dispatch's pages. */
  enqueueMany(batches: readonly DeliveryBatch[]): Promise<void>;
}
