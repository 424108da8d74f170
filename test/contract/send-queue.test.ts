import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../functions/adapters/in-process/queue.ts';
import { SqsQueue } from '../../functions/adapters/sqs/queue.ts';
import type { Redelivery } from '../../functions/app/ports/redelivery.ts';
import type { SendQueue } from '../../functions/app/ports/send-queue.ts';
import type { DeliveryBatch } from '../../functions/core/queue-messages.ts';
import { useStoppedClock } from '../support/clock.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';

/** What the consumer says of one received batch: finished, try again, or left to the retryLater it called. */
type Verdict = 'done' | 'again' | 'later';

/** Hands a received batch to the test, with its receive count and receipt; says what became of it. */
type Handle = (batch: DeliveryBatch, receiveCount: number, receipt: string) => Verdict | Promise<Verdict>;

/**
 * What a test sees of a queue: the dispatch side (SendQueue), the consumer's side (Redelivery), and a consumer that
 * runs until `done` batches were finished.
 */
interface QueueUnderTest {
  readonly queue: SendQueue & Redelivery;
  consume(handle: Handle, done: number): Promise<void>;
}

const batch = (n: number): DeliveryBatch => ({ edition: '2026-W48', language: 'be', ids: [`id-${n}`, `id-${n}b`] });

/**
 * The send queue's contract: every batch reaches the consumer intact, one not acknowledged comes back, a delay is
 * kept; and its Redelivery side: what waits is counted, a batch put off with retryLater comes back after that delay.
 */
export function describeSendQueue(name: string, make: () => Promise<QueueUnderTest>): void {
  describe(`send queue: ${name}`, () => {
    it('hands every queued batch to the consumer, unchanged', async () => {
      const under = await make();
      for (let n = 0; n < 3; n++) await under.queue.enqueue(batch(n));
      const got: DeliveryBatch[] = [];
      await under.consume((b) => {
        got.push(b);
        return 'done';
      }, 3);
      expect(got.sort((a, b) => (a.ids[0] as string).localeCompare(b.ids[0] as string))).toEqual([
        batch(0),
        batch(1),
        batch(2),
      ]);
    });

    it('hands each of many batches queued at once (23: more than one SendMessageBatch) over as its own batch', async () => {
      const under = await make();
      const many = Array.from({ length: 23 }, (_, n) => batch(100 + n));
      await under.queue.enqueueMany(many);
      const got: DeliveryBatch[] = [];
      await under.consume((b) => {
        got.push(b);
        return 'done';
      }, 23);
      const first = (b: DeliveryBatch) => b.ids[0] as string;
      expect(got.sort((a, b) => first(a).localeCompare(first(b)))).toEqual(many);
    });

    it('brings a batch the consumer did not finish back, counting its receives', async () => {
      const under = await make();
      await under.queue.enqueue(batch(7));
      const counts: number[] = [];
      await under.consume((b, receiveCount) => {
        expect(b).toEqual(batch(7));
        counts.push(receiveCount);
        return receiveCount < 3 ? 'again' : 'done';
      }, 1);
      expect(counts).toEqual([1, 2, 3]);
    });

    it('hands a batch queued with a delay over only once the delay has passed', async () => {
      const under = await make();
      const queuedAt = Date.now();
      await under.queue.enqueue(batch(9), 1);
      await under.queue.enqueue(batch(10));
      const at = new Map<string, number>();
      await under.consume((b) => {
        at.set(b.ids[0] as string, Date.now());
        // The delay passes only once the batch queued without one was handed over, however slow the machine.
        if (b.ids[0] === 'id-10') clock.advance(1_000);
        return 'done';
      }, 2);
      expect([...at.keys()]).toEqual(['id-10', 'id-9']);
      expect((at.get('id-9') as number) - queuedAt).toBeGreaterThanOrEqual(1000);
    });

    it('counts as waiting a delayed batch, not the one in the consumer’s hands, and nothing once all are done', async () => {
      const under = await make();
      await under.queue.enqueue(batch(20), 1);
      await under.queue.enqueue(batch(21));
      const seen: number[] = [];
      await under.consume(async (b): Promise<Verdict> => {
        seen.push(await under.queue.waiting());
        if (b.ids[0] === 'id-21') clock.advance(1_000);
        return 'done';
      }, 2);
      expect(seen).toEqual([1, 0]);
      expect(await under.queue.waiting()).toBe(0);
    });

    it('brings a batch put off with retryLater back after that delay, not sooner, counting the receive', async () => {
      const under = await make();
      await under.queue.enqueue(batch(30));
      const order: string[] = [];
      await under.consume(async (b, receiveCount, receipt): Promise<Verdict> => {
        order.push(`${b.ids[0]}#${receiveCount}`);
        if (b.ids[0] === 'id-30' && receiveCount === 1) {
          await under.queue.retryLater(receipt, 2);
          await under.queue.enqueue(batch(31), 1);
          clock.advance(1_000);
          return 'later';
        }
        if (b.ids[0] === 'id-31') clock.advance(1_000);
        return 'done';
      }, 2);
      expect(order).toEqual(['id-30#1', 'id-31#1', 'id-30#2']);
    });
  });
}

// The SQS stand-in tells a delayed batch's time by this clock; the in-process queue waits out the delay in real time.
const clock = useStoppedClock();
let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
beforeAll(async () => {
  sqs = await startFakeSqs();
});
afterAll(async () => {
  await sqs?.close();
});

describeSendQueue('SQS adapter on an SQS-protocol stand-in', async () => {
  const client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    queue: new SqsQueue(client, sqs.queueUrl),
    async consume(handle, done) {
      let finished = 0;
      while (finished < done) {
        const out = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: sqs.queueUrl,
            MaxNumberOfMessages: 10,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        );
        if (!out.Messages?.length) await new Promise((r) => setTimeout(r, 50));
        for (const m of out.Messages ?? []) {
          const ReceiptHandle = m.ReceiptHandle;
          const count = Number(m.Attributes?.ApproximateReceiveCount);
          const verdict = await handle(JSON.parse(m.Body ?? '{}'), count, ReceiptHandle ?? '');
          if (verdict === 'later') continue;
          if (verdict === 'done') {
            finished++;
            await client.send(new DeleteMessageCommand({ QueueUrl: sqs.queueUrl, ReceiptHandle }));
          } else
            await client.send(
              new ChangeMessageVisibilityCommand({ QueueUrl: sqs.queueUrl, ReceiptHandle, VisibilityTimeout: 0 }),
            );
        }
      }
    },
  };
});

describeSendQueue('in-process queue', async () => {
  let handler: Handle | undefined;
  let start: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    start = resolve;
  });
  const queue = new InProcessQueue(
    async (b, receiveCount, receipt) => {
      await started;
      return (await handler?.(b, receiveCount, receipt)) === 'done' ? { done: true } : { done: false, delayMs: 5 };
    },
    { concurrency: 2 },
  );
  return {
    queue,
    async consume(handle) {
      handler = handle;
      start();
      await queue.drain();
    },
  };
});
