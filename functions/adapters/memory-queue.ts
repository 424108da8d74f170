import type { DeliveryBatch } from '../core/send.ts';

/** What the consumer says of one message: done, or try again after `delayMs`. */
export type ConsumeResult = { done: true } | { done: false; delayMs: number };

/**
 * An in-process queue with the same contract as SQS for the send pipeline (at-least-once, retry after a delay),
 * used by the local runner and the CLI; `drain()` resolves when every batch has been consumed.
 */
export class InProcessQueue {
  private readonly ready: { batch: DeliveryBatch; receiveCount: number }[] = [];
  private waiting = 0;
  private active = 0;
  private idle: (() => void)[] = [];
  private failure: unknown;

  constructor(
    private readonly consume: (batch: DeliveryBatch, receiveCount: number) => Promise<ConsumeResult>,
    private readonly concurrency = 4,
  ) {}

  /** Queues a batch (the dispatch side of the port). */
  async enqueue(batch: DeliveryBatch): Promise<void> {
    this.ready.push({ batch, receiveCount: 0 });
    this.pump();
  }

  /** Resolves when nothing is queued, waiting or in flight; rejects if a consumer threw. */
  drain(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ready.length === 0 && this.waiting === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.idle.push(() => (this.failure ? reject(this.failure) : resolve())));
  }

  /** Batches queued, waiting for a retry, or in flight. */
  get size(): number {
    return this.ready.length + this.waiting + this.active;
  }

  private pump(): void {
    while (this.active < this.concurrency && this.ready.length > 0) {
      const next = this.ready.shift() as { batch: DeliveryBatch; receiveCount: number };
      this.active++;
      void this.run(next.batch, next.receiveCount + 1);
    }
    if (this.size === 0 || this.failure) for (const notify of this.idle.splice(0)) notify();
  }

  private async run(batch: DeliveryBatch, receiveCount: number): Promise<void> {
    try {
      const result = await this.consume(batch, receiveCount);
      if (!result.done) {
        this.waiting++;
        setTimeout(() => {
          this.waiting--;
          this.ready.push({ batch, receiveCount });
          this.pump();
        }, result.delayMs);
      }
    } catch (error) {
      this.failure ??= error;
    } finally {
      this.active--;
      this.pump();
    }
  }
}
