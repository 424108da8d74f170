import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../functions/adapters/in-process/queue.ts';
import { SqsQueue } from '../../functions/adapters/sqs/queue.ts';
import type { ConfirmationQueue } from '../../functions/app/ports/confirmation-queue.ts';
import { type ConfirmationRequest, confirmationRequestSchema } from '../../functions/core/queue-messages.ts';
import { testSealer } from '../support/address-cipher.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';

/** A confirmation queue and what its consumer received until `count` requests came, read with its schema. */
interface QueueUnderTest {
  readonly queue: ConfirmationQueue;
  received(count: number): Promise<ConfirmationRequest[]>;
}

const request = (source: string): ConfirmationRequest => {
  const requestId = randomUUID();
  return {
    requestId,
    address: testSealer.seal('reader@example.org', requestId),
    language: 'be',
    source,
    textVersion: 'v1',
    requestedAt: 1_764_000_000_000,
  };
};

/** The confirmation queue's contract: each queued request reaches the consumer, as its schema reads it, unchanged. */
export function describeConfirmationQueue(name: string, make: () => Promise<QueueUnderTest>): void {
  describe(`confirmation queue: ${name}`, () => {
    it('hands every queued request to the consumer unchanged', async () => {
      const under = await make();
      const sent = ['https://example.org/a', 'https://example.org/b', 'https://example.org/c'].map(request);
      for (const r of sent) await under.queue.enqueue(r);
      const got = await under.received(sent.length);
      const byId = (a: ConfirmationRequest, b: ConfirmationRequest) => (a.requestId < b.requestId ? -1 : 1);
      expect([...got].sort(byId)).toEqual([...sent].sort(byId));
    });
  });
}

let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
beforeAll(async () => {
  sqs = await startFakeSqs();
});
afterAll(async () => {
  await sqs?.close();
});

describeConfirmationQueue('SQS adapter on an SQS-protocol stand-in', async () => {
  const client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    queue: new SqsQueue<ConfirmationRequest>(client, sqs.queueUrl),
    async received() {
      // Everything was queued before: receive until the queue answers nothing (the stand-in does not long-poll).
      const got: ConfirmationRequest[] = [];
      for (;;) {
        const out = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, MaxNumberOfMessages: 10 }));
        if (!out.Messages?.length) return got;
        for (const m of out.Messages) got.push(confirmationRequestSchema.parse(JSON.parse(m.Body ?? '')));
      }
    },
  };
});
describeConfirmationQueue('in-process queue', async () => {
  const got: ConfirmationRequest[] = [];
  const queue = new InProcessQueue<ConfirmationRequest>(async (r) => {
    got.push(confirmationRequestSchema.parse(r));
    return { done: true };
  });
  return {
    queue,
    async received() {
      await queue.drain();
      return got;
    },
  };
});
