import { beforeEach, describe, expect, it } from 'vitest';
import { deliverBatch } from '../../../functions/app/deliver.ts';
import { addressOf } from '../../support/address-cipher.ts';
import type { MemoryWorld } from '../../support/memory/world.ts';
import type { aSubscription } from '../../support/subscriptions.ts';
import { addReaders, deliveryWorld, E } from './deliver-world.ts';

let w: MemoryWorld;
const readers = (n: number, over: Parameters<typeof aSubscription>[0] = {}) => addReaders(w, n, over);

beforeEach(async () => {
  w = await deliveryWorld();
});

describe('deliverBatch, exactly once under a changing world', () => {
  it('re-reads each reader right before sending: who unsubscribes while the batch is under way is not mailed', async () => {
    const [first, second] = await readers(2);
    w.mailer.beforeSend = async (mail) => {
      if (mail.to !== addressOf(first)) return;
      const current = (await w.subscribers.get(second?.id as string)) as NonNullable<typeof second>;
      await w.subscribers.save({ ...current, status: 'unsubscribed' });
    };
    const outcome = await deliverBatch(w.deliver(), {
      edition: E,
      language: 'en',
      ids: [first?.id, second?.id] as string[],
    });
    expect(outcome).toMatchObject({ sent: 1, skipped: 1 });
    expect(w.mailer.to(addressOf(second))).toEqual([]);
  });

  it('writes nothing under a reader erased while the batch is under way', async () => {
    const [first, second] = await readers(2);
    w.mailer.beforeSend = async (mail) => {
      if (mail.to === addressOf(first)) await w.subscribers.delete(second?.id as string);
    };
    await deliverBatch(w.deliver(), { edition: E, language: 'en', ids: [first?.id, second?.id] as string[] });
    expect(w.mailer.to(addressOf(second))).toEqual([]);
    // Nothing under the erased reader; their claim stays counted as skipped under an id no reader has.
    const listed = await w.deliveries.list(E);
    expect(listed.map((d) => d.subscriberId)).toEqual([first?.id, expect.stringMatching(/^erased-/)]);
    expect(listed[1]).toMatchObject({ status: 'skipped', language: 'en' });
  });

  it('looks once more, after the claim timeout, at a delivery another consumer held, and sends it then', async () => {
    const [held, free] = await readers(2);
    const deps = { ...w.deliver(), queue: w.queue };
    // A consumer claimed the reader and vanished (its own message went to the dead letters).
    await w.deliveries.claim(E, held?.id as string, 'en', w.clock.now, 0);
    const first = await deliverBatch(deps, { edition: E, language: 'en', ids: [held?.id, free?.id] as string[] });
    expect(first).toMatchObject({ sent: 1, duplicates: 1, rechecks: 1 });
    expect(w.queue.batches).toEqual([{ edition: E, language: 'en', ids: [held?.id], recheck: true }]);
    expect(w.queue.delays[0]).toBeGreaterThan(180);
    w.clock.now += (w.queue.delays[0] as number) * 1000;
    const again = await deliverBatch(deps, w.queue.batches[0] as (typeof w.queue.batches)[0]);
    expect(again).toMatchObject({ sent: 1 });
    expect(w.mailer.to(addressOf(held))).toHaveLength(1);
    expect((await w.deliveries.list(E)).every((d) => d.status === 'sent')).toBe(true);
  });

  it('does not re-check a re-check: a delivery held again is left to its holder', async () => {
    const [held] = await readers(1);
    const deps = { ...w.deliver(), queue: w.queue };
    await w.deliveries.claim(E, held?.id as string, 'en', w.clock.now, 0);
    const outcome = await deliverBatch(deps, { edition: E, language: 'en', ids: [held?.id as string], recheck: true });
    expect(outcome).toMatchObject({ duplicates: 1 });
    expect(outcome.rechecks).toBeUndefined();
    expect(w.queue.batches).toEqual([]);
  });

  it('waits out a 24-hour SES sending pause by putting the rest back, never by failing the message', async () => {
    const ids = (await readers(3)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    const pausedUntil = w.clock.now + 24 * 3_600_000;
    w.mailer.fail = () => (w.clock.now < pausedUntil ? 'blocked' : undefined);
    let batch: (typeof w.queue.batches)[0] = { edition: E, language: 'en', ids };
    let rounds = 0;
    for (;;) {
      const outcome = await deliverBatch(deps, batch);
      expect(outcome.retry).toBeUndefined();
      if (!outcome.requeued) break;
      rounds++;
      batch = w.queue.batches.at(-1) as typeof batch;
      const delay = w.queue.delays.at(-1) as number;
      expect(delay).toBeLessThanOrEqual(900);
      w.clock.now += delay * 1000;
    }
    // Far more rounds than SQS's 12 receives before the dead-letter queue: each round is a new message.
    expect(rounds).toBeGreaterThan(12);
    expect(w.mailer.sent).toHaveLength(3);
    expect(batch.deferrals).toBe(rounds);
  });

  it('lets the message itself retry (towards the dead-letter queue) once the deferral budget is spent', async () => {
    const ids = (await readers(1)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    w.mailer.fail = () => 'blocked';
    const since = w.clock.now - 48 * 3_600_000;
    const outcome = await deliverBatch(deps, { edition: E, language: 'en', ids, deferrals: 190, deferredSince: since });
    expect(outcome).toMatchObject({ retry: 'blocked' });
    expect(w.queue.batches).toEqual([]);
  });

  it("waits for SES's 24-hour quota past the deferral budget: a new message after SQS's longest delay", async () => {
    const ids = (await readers(2)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    w.mailer.fail = () => 'quota';
    const since = w.clock.now - 72 * 3_600_000;
    const outcome = await deliverBatch(deps, { edition: E, language: 'en', ids, deferrals: 190, deferredSince: since });
    expect(outcome).toMatchObject({ requeued: 2 });
    expect(outcome.retry).toBeUndefined();
    // The quota is no fault: the budget for pauses and throttling counts again from this wait.
    expect(w.queue.batches).toEqual([{ edition: E, language: 'en', ids, deferrals: 191, deferredSince: w.clock.now }]);
    expect(w.queue.delays[0]).toBeGreaterThanOrEqual(720);
    expect(w.queue.delays[0]).toBeLessThanOrEqual(900);
    expect(w.mailer.sent).toEqual([]);
  });

  it('puts the rest of a batch back at once when the invocation runs out of time', async () => {
    const ids = (await readers(3)).map((r) => r.id);
    const deps = { ...w.deliver(), queue: w.queue };
    let calls = 0;
    const outcome = await deliverBatch(
      { ...deps, now: () => w.clock.now + (calls++ > 1 ? 10_000 : 0) },
      { edition: E, language: 'en', ids },
      { deadline: w.clock.now + 5_000 },
    );
    expect(outcome).toMatchObject({ sent: 1, requeued: 2 });
    expect(w.queue.batches).toEqual([
      { edition: E, language: 'en', ids: ids.slice(1), deferrals: 0, deferredSince: expect.any(Number) },
    ]);
    expect(w.queue.delays).toEqual([1]);
  });
});
