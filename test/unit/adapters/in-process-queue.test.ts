import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../../functions/adapters/in-process/queue.ts';

describe('the in-process queue', () => {
  // As SendMessage answers before SQS's event source invokes the consumer: locally, the consumer's first
  // synchronous stretch (opening the sealed address, building its first request) ran inside subscribe's enqueue and
  // delayed its answer (bench figure 4, sequential: 50.8 ms an answer with it, 36.6 ms without).
  it('answers the producer before its consumer starts, then hands the message over', async () => {
    const started: string[] = [];
    const queue = new InProcessQueue<string>(async (message) => {
      started.push(message);
      return { done: true };
    });
    await queue.enqueue('a');
    await queue.enqueueMany(['b', 'c']);
    expect(started).toEqual([]);
    await queue.drain();
    expect(started).toEqual(['a', 'b', 'c']);
  });
});
