import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo/delivery-store.ts';
import type { DeliveryStore } from '../../functions/app/ports/delivery-store.ts';
import type { ReaderDeliveries } from '../../functions/app/ports/reader-deliveries.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryDeliveryStore } from '../support/memory/delivery-store.ts';

const T = 1_764_000_000_000;
const E = '2026-W48';

/** The delivery store's contract: one claim at a time per reader, stale claims and retries re-claimable, feedback. */
export function describeDeliveryStore(name: string, make: () => Promise<DeliveryStore & ReaderDeliveries>): void {
  describe(`delivery store: ${name}`, () => {
    let store: DeliveryStore & ReaderDeliveries;
    beforeEach(async () => {
      store = await make();
    });

    it('claims a reader once; a live claim is held, not taken again', async () => {
      expect(await store.claim(E, 'r1', 'en', T, T - 1000)).toBe('claimed');
      expect(await store.claim(E, 'r1', 'en', T + 10, T - 990)).toBe('held');
      expect(await store.list(E)).toEqual([{ subscriberId: 'r1', language: 'en', status: 'sending', attempts: 1 }]);
    });

    it('takes over a claim older than the stale limit, and a delivery released for retry', async () => {
      await store.claim(E, 'r1', 'be', T, T - 1000);
      expect(await store.claim(E, 'r1', 'be', T + 5000, T + 1)).toBe('claimed');
      await store.settle(E, 'r1', 'retry', { reason: 'throttled' });
      expect(await store.claim(E, 'r1', 'be', T + 6000, T + 5000)).toBe('claimed');
      expect(await store.list(E)).toEqual([{ subscriberId: 'r1', language: 'be', status: 'sending', attempts: 3 }]);
    });

    it.each(['sent', 'failed', 'skipped'] as const)('never claims a delivery settled %s again', async (status) => {
      await store.claim(E, 'r1', 'ru', T, T - 1000);
      await store.settle(E, 'r1', status, { reason: 'test' });
      expect(await store.claim(E, 'r1', 'ru', T + 10 * 86_400_000, T + 9 * 86_400_000)).toBe('settled');
      expect(await store.list(E)).toEqual([{ subscriberId: 'r1', language: 'ru', status, attempts: 1 }]);
    });

    it('records bounces, complaints and transient bounces on a sent delivery, with its language, and nothing without one', async () => {
      for (const id of ['b', 'c', 't']) {
        await store.claim(E, id, 'en', T, T - 1);
        await store.settle(E, id, 'sent', { messageId: `m-${id}`, sentAt: T + 1 });
      }
      // The record's language comes back: the report's bounce and complaint sets are kept per language.
      expect(await store.feedback(E, 'b', 'bounced')).toBe('en');
      expect(await store.feedback(E, 'c', 'complained')).toBe('en');
      await store.feedback(E, 't', 'transient');
      await store.feedback(E, 't', 'transient');
      expect(await store.feedback(E, 'unknown', 'bounced')).toBeUndefined();
      const byId = Object.fromEntries((await store.list(E)).map((d) => [d.subscriberId, d]));
      expect(Object.keys(byId).sort()).toEqual(['b', 'c', 't']);
      expect(byId.b).toMatchObject({ status: 'bounced' });
      expect(byId.c).toMatchObject({ status: 'complained' });
      expect(byId.t).toEqual({ subscriberId: 't', language: 'en', status: 'sent', attempts: 1, transientBounces: 2 });
    });

    it('settles nothing where there is no record; a discarded claim stays counted as skipped under no reader', async () => {
      await store.settle(E, 'never-claimed', 'sent', { messageId: 'm' });
      await store.claim(E, 'erased', 'en', T, T - 1);
      await store.discard(E, 'erased');
      await store.discard(E, 'erased');
      await store.claim(E, 'done', 'en', T, T - 1);
      await store.settle(E, 'done', 'sent');
      await store.discard(E, 'done');
      const listed = await store.list(E);
      expect(listed.find((d) => d.subscriberId === 'done')).toEqual({
        subscriberId: 'done',
        language: 'en',
        status: 'sent',
        attempts: 1,
      });
      const others = listed.filter((d) => d.subscriberId !== 'done');
      expect(others).toEqual([
        { subscriberId: expect.stringMatching(/^erased-/), language: 'en', status: 'skipped', attempts: 1 },
      ]);
      expect(await store.ofReader('erased', T)).toEqual([]);
    });

    it("gives a reader's records of every edition with their details, and erases them all, leaving their outcomes under no reader", async () => {
      const now = Date.UTC(2026, 11, 1);
      for (const edition of ['2025-W50', '2026-W48', '2026-W49']) {
        await store.claim(edition, 'reader', 'be', now, now - 1);
        await store.settle(edition, 'reader', 'sent', { messageId: `m-${edition}`, sentIn: 'be' });
      }
      await store.claim('2026-W49', 'someone-else', 'be', now, now - 1);
      const mine = await store.ofReader('reader', now);
      expect(mine.map((d) => [d.edition, d.status, d.language, d.details.messageId])).toEqual([
        ['2025-W50', 'sent', 'be', 'm-2025-W50'],
        ['2026-W48', 'sent', 'be', 'm-2026-W48'],
        ['2026-W49', 'sent', 'be', 'm-2026-W49'],
      ]);
      expect(mine[0]?.details).toMatchObject({ claimedAt: now, sentIn: 'be' });
      await store.feedback('2026-W48', 'reader', 'bounced');
      await store.eraseReader('reader', now);
      expect(await store.ofReader('reader', now)).toEqual([]);
      // Each record is replaced by its outcome under an id no reader has (the bounce forgotten), so reports add up.
      const erased = { subscriberId: expect.stringMatching(/^erased-/), language: 'be', status: 'sent', attempts: 1 };
      expect(await store.list('2026-W48')).toEqual([erased]);
      expect((await store.list('2026-W49')).sort((a, b) => a.subscriberId.localeCompare(b.subscriberId))).toEqual([
        erased,
        { subscriberId: 'someone-else', language: 'be', status: 'sending', attempts: 1 },
      ]);
    });

    it('lists every record of an edition and none of another', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `reader-${i}`);
      for (const id of ids) await store.claim(E, id, 'en', T, T - 1);
      await store.claim('2026-W49', 'reader-0', 'en', T, T - 1);
      const listed = await store.list(E);
      expect(listed.map((d) => d.subscriberId).sort()).toEqual([...ids].sort());
      expect(await store.list('2026-W47')).toEqual([]);
    });
  });
}

const dynamo = useDynamo();
describeDeliveryStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoDeliveryStore(db, tableName, 4);
});
describeDeliveryStore('in memory', async () => new MemoryDeliveryStore());
