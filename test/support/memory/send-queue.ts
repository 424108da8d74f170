import type { SendQueue } from '../../../functions/app/ports/send-queue.ts';
import { type DeliveryBatch, deliveryBatchSchema } from '../../../functions/core/queue-messages.ts';

/** A queue that only keeps what was put on it, in order, for a test to hand to the consumer. */
export class MemorySendQueue implements SendQueue {
  readonly batches: DeliveryBatch[] = [];
  /** The delay each batch was queued with, in the same order. */
  readonly delays: number[] = [];

  /** Keeps the batch and its delay. */
  async enqueue(batch: DeliveryBatch, delaySeconds = 0): Promise<void> {
    // As SQS hands it to the consumer: JSON text, read with the consumer's schema.
    this.batches.push(deliveryBatchSchema.parse(JSON.parse(JSON.stringify(batch))));
    this.delays.push(delaySeconds);
  }

  /** Keeps each batch, with no delay. */
  async enqueueMany(batches: readonly DeliveryBatch[]): Promise<void> {
    for (const batch of batches) await this.enqueue(batch);
  }
}
