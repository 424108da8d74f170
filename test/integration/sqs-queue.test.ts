import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsQueue } from '../../functions/adapters/sqs/queue.ts';
import { batchesOf } from '../../functions/app/dispatch.ts';
import { startFakeSqs } from '../support/fake-sqs.ts';

let sqs: Awaited<ReturnType<typeof startFakeSqs>>;
let queue: SqsQueue;

beforeAll(async () => {
  sqs = await startFakeSqs();
  const client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  queue = new SqsQueue(client, sqs.queueUrl);
});

afterAll(() => sqs?.close());

describe('the SQS send queue', () => {
  it('puts 23 batches on the queue in three SendMessageBatch calls (10, 10, 3), each batch one message', async () => {
    const ids = Array.from({ length: 23 * 4 }, (_, i) => `reader-${i}`);
    const batches = batchesOf('2026-W45', 'ru', ids, 4);
    expect(batches).toHaveLength(23);
    await queue.enqueueMany(batches);
    expect(sqs.calls).toEqual({ SendMessageBatch: 3 });
    const bodies = sqs.messages.map((m) => JSON.parse(m.body) as { edition: string; language: string; ids: string[] });
    expect(bodies).toHaveLength(23);
    expect(bodies[0]).toEqual({
      edition: '2026-W45',
      language: 'ru',
      ids: ['reader-0', 'reader-1', 'reader-2', 'reader-3'],
    });
    expect(bodies.flatMap((b) => b.ids)).toEqual(ids);
  });
});
