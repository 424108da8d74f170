import type { Redelivery } from '../../app/ports/redelivery.ts';
import type { DeliveryBatch } from '../../core/queue-messages.ts';

/**
 * What the consumer says of one message: done, or try again after `delayMs` (or, when `retryLater` was called with
 * its receipt, after the delay given there).
 */
export type ConsumeResult = { done: true } | { done: false; delayMs: number };

/** How the in-process queue redelivers. */
export interface InProcessQueueOptions {
  readonly concurrency?: number;
  /** A consumer that throws is taken as dead: its message comes back after this delay, like SQS visibility. */
  readonly crashDelayMs?: number;
  /** After this many receives a message goes to the dead letters, like an SQS redrive policy. */
  readonly maxReceives?: number;
  /** Length of one second of message delay in milliseconds (default 1000; tests shorten it). */
  readonly secondMs?: number;
}

/**
 * An in-process queue with the same contract as SQS (at-least-once, retry after a delay, dead letters after too
 * many receives), used by the local runner and the CLI for the send pipeline and the confirmation e-mails;
 * `drain()` resolves when every message has been consumed or dead-lettered. Serves SendQueue (the default) and
 * ConfirmationQueue, by message type.
 */
export class InProcessQueue<T = DeliveryBatch> implements Redelivery {
  /** Messages given up on after `maxReceives`. */
  readonly deadLetters: T[] = [];
  private readonly ready: { batch: T; receiveCount: number }[] = [];
  private waiting_ = 0;
  private active = 0;
  private idle: (() => void)[] = [];
  private readonly options: Required<InProcessQueueOptions>;
  private readonly later = new Map<string, number>();
  private receipts = 0;

  constructor(
    private readonly consume: (batch: T, receiveCount: number, receipt: string) => Promise<ConsumeResult>,
    options: InProcessQueueOptions = {},
  ) {
    this.options = { concurrency: 4, crashDelayMs: 1000, maxReceives: 10, secondMs: 1000, ...options };
  }

  /** Queues a message (the producer's side of the port), ready after `delaySeconds`. */
  async enqueue(batch: T, delaySeconds = 0): Promise<void> {
    const delayMs = delaySeconds * this.options.secondMs;
    if (delayMs <= 0) {
      this.ready.push({ batch, receiveCount: 0 });
      this.pump();
      return;
    }
    this.waiting_++;
    setTimeout(() => {
      this.waiting_--;
      this.ready.push({ batch, receiveCount: 0 });
      this.pump();
    }, delayMs);
  }

  /** Queues many batches, ready at once. */
  async enqueueMany(batches: readonly T[]): Promise<void> {
    for (const batch of batches) await this.enqueue(batch);
  }

  /** Messages ready or delayed, those in flight not counted (as SQS's estimate). */
  async waiting(): Promise<number> {
    return this.ready.length + this.waiting_;
  }

  /** The message received with `receipt` comes back after `seconds` once its consumer says it is not done. */
  async retryLater(receipt: string, seconds: number): Promise<void> {
    this.later.set(receipt, seconds * this.options.secondMs);
  }

  /** Resolves when nothing is queued, waiting or in flight. */
  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Batches queued, waiting for a retry, or in flight. */
  get size(): number {
    return this.ready.length + this.waiting_ + this.active;
  }

  private pump(): void {
    while (this.active < this.options.concurrency && this.ready.length > 0) {
      const next = this.ready.shift() as { batch: T; receiveCount: number };
      this.active++;
      // Handed over on a later turn of the event loop, as SQS's event source invokes another function once
      // SendMessage has answered: the producer (subscribe's answer) never runs its consumer's work before it goes on.
      setImmediate(() => void this.run(next.batch, next.receiveCount + 1));
    }
    if (this.size === 0) for (const notify of this.idle.splice(0)) notify();
  }

  private async run(batch: T, receiveCount: number): Promise<void> {
    let result: ConsumeResult;
    const receipt = `r-${++this.receipts}`;
    try {
      result = await this.consume(batch, receiveCount, receipt);
    } catch {
      result = { done: false, delayMs: this.options.crashDelayMs };
    }
    const later = this.later.get(receipt);
    this.later.delete(receipt);
    if (!result.done && later !== undefined) result = { done: false, delayMs: later };
    if (!result.done) {
      if (receiveCount >= this.options.maxReceives) this.deadLetters.push(batch);
      else {
        this.waiting_++;
        setTimeout(() => {
          this.waiting_--;
          this.ready.push({ batch, receiveCount });
          this.pump();
        }, result.delayMs);
      }
    }
    this.active--;
    this.pump();
  }
}
