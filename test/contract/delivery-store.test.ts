import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDeliveryStore } from '../../functions/adapters/dynamo/delivery-store.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import type { DeliveryStore } from '../../functions/app/ports/delivery-store.ts';
import type { ReaderDeliveries } from '../../functions/app/ports/reader-deliveries.ts';
import type { Status } from '../../functions/core/subscription.ts';
import { claimOf, settled } from '../support/deliveries.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryDeliveryStore } from '../support/memory/delivery-store.ts';
import { MemorySubscriberStore } from '../support/memory/subscriber-store.ts';
import { aSubscription } from '../support/subscriptions.ts';

const T = 1_764_000_000_000;
const E = '2026-W48';
/** An instant whose reader-record window (ofReader) covers E. */
const AT = Date.UTC(2026, 11, 1);

/** A delivery store and the reader store its claims are conditioned on. */
interface Parts {
  store: DeliveryStore & ReaderDeliveries;
  readers: Pick<DynamoSubscriberStore, 'get' | 'save' | 'delete'>;
}

/**
 * The delivery store's contract: one claim at a time per (edition, reader), only while the reader is confirmed;
 * stale claims and retries re-claimable; nothing settled claimed again; erased readers counted under no id.
 */
export function describeDeliveryStore(name: string, make: () => Promise<Parts>): void {
  describe(`delivery store: ${name}`, () => {
    let store: Parts['store'];
    let reader: (id: string, status?: Status) => Promise<void>;
    let erase: (id: string) => Promise<unknown>;
    let readers: Parts['readers'];
    beforeEach(async () => {
      const parts = await make();
      store = parts.store;
      reader = async (id, status = 'confirmed') => {
        await parts.readers.save(aSubscription({ id, status, language: 'en' }));
      };
      erase = (id) => parts.readers.delete(id);
      readers = parts.readers;
    });

    it('claims a confirmed reader once, answering the reader; a live claim is held, not taken again', async () => {
      await reader('r1');
      const first = await store.claim(E, 'r1', 'en', T, T - 1000);
      expect(first).toMatchObject({ kind: 'claimed', reader: { id: 'r1', status: 'confirmed' } });
      expect(first.kind === 'claimed' && first.reader.address).toBeTruthy();
      expect(await store.claim(E, 'r1', 'en', T + 10, T - 990)).toEqual({ kind: 'held' });
    });

    it('takes over a claim older than the stale limit, and a delivery released for retry', async () => {
      await reader('r1');
      await store.claim(E, 'r1', 'be', T, T - 1000);
      const taken = await store.claim(E, 'r1', 'be', T + 5000, T + 1);
      if (taken.kind !== 'claimed') throw new Error(taken.kind);
      await store.settle(taken.claim, 'retry', { reason: 'throttled' });
      expect(await store.list(E)).toEqual([{ subscriberId: 'r1', language: 'be', status: 'retry', attempts: 2 }]);
      const again = await store.claim(E, 'r1', 'be', T + 6000, T + 5000);
      if (again.kind !== 'claimed') throw new Error(again.kind);
      await store.settle(again.claim, 'sent', { messageId: 'm' });
      expect(await store.list(E)).toEqual([{ subscriberId: 'r1', language: 'be', status: 'sent', attempts: 3 }]);
    });

    it.each(['sent', 'failed', 'uncertain'] as const)('never claims a delivery settled %s again', async (status) => {
      await reader('r1');
      await settled(store, E, 'r1', 'ru', status, { reason: 'test' }, T);
      expect(await store.claim(E, 'r1', 'ru', T + 10 * 86_400_000, T + 9 * 86_400_000)).toEqual({ kind: 'settled' });
      expect(await store.claim(E, 'r1', 'ru', T + 10, T - 1000)).toEqual({ kind: 'settled' });
      expect(await store.list(E)).toEqual([{ subscriberId: 'r1', language: 'ru', status, attempts: 1 }]);
    });

    it('claims each edition once, an older one after a newer one too', async () => {
      await reader('r1');
      for (const edition of ['2026-W49', '2026-W47', '2026-W48'])
        await settled(store, edition, 'r1', 'en', 'sent', {}, T);
      for (const edition of ['2026-W47', '2026-W48', '2026-W49']) {
        expect(await store.claim(edition, 'r1', 'en', T + 86_400_000, T)).toEqual({ kind: 'settled' });
        expect(await store.list(edition)).toEqual([
          { subscriberId: 'r1', language: 'en', status: 'sent', attempts: 1 },
        ]);
      }
    });

    it('never claims a settled edition again once eight or more later editions claimed the reader', async () => {
      // An edition sent late (confirmed, not the current week): its batch comes back (redelivery, a re-check).
      await reader('r1');
      await settled(store, '2026-W41', 'r1', 'en', 'sent', {}, T);
      await settled(store, '2026-W49', 'r1', 'en', 'sent', {}, T + 1000);
      expect(await store.claim('2026-W41', 'r1', 'en', T + 2000, T + 1000)).toEqual({ kind: 'settled' });
      expect(await store.claim('2026-W49', 'r1', 'en', T + 2000, T + 1000)).toEqual({ kind: 'settled' });
    });

    it('claims no reader who is not confirmed; skips it once, never over a settled record', async () => {
      await reader('left', 'unsubscribed');
      await reader('p', 'pending');
      expect(await store.claim(E, 'left', 'en', T, T - 1)).toEqual({ kind: 'not-confirmed', status: 'unsubscribed' });
      expect(await store.claim(E, 'p', 'en', T, T - 1)).toEqual({ kind: 'not-confirmed', status: 'pending' });
      await store.skip(E, 'left', 'en', 'unsubscribed');
      await store.skip(E, 'left', 'en', 'unsubscribed');
      await reader('sent');
      await settled(store, E, 'sent', 'en', 'sent', {}, T);
      await store.skip(E, 'sent', 'en', 'unsubscribed');
      const byId = Object.fromEntries((await store.list(E)).map((d) => [d.subscriberId, d.status]));
      expect(byId).toEqual({ left: 'skipped', sent: 'sent' });
    });

    it('counts an erased reader as skipped under no id, and a claim settled after the erasure once, under no id', async () => {
      expect(await store.claim(E, 'gone', 'en', T, T - 1)).toEqual({ kind: 'gone' });
      await store.discard(E, 'gone', 'en', T - 1);
      await reader('mid');
      const claim = await claimOf(store, E, 'mid', 'en', T);
      await erase('mid');
      await store.settle(claim, 'sent', { messageId: 'm' });
      expect(await store.claim(E, 'mid', 'en', T + 1, T)).toEqual({ kind: 'gone' });
      const listed = await store.list(E);
      expect(listed.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { subscriberId: expect.stringMatching(/^erased-/), language: 'en', status: 'sent', attempts: 1 },
        { subscriberId: expect.stringMatching(/^erased-/), language: 'en', status: 'skipped', attempts: 1 },
      ]);
      expect(await store.ofReader('gone', AT)).toEqual([]);
      expect(await store.ofReader('mid', AT)).toEqual([]);
      expect(await store.feedback(E, 'mid', 'bounced')).toBeUndefined();
    });

    it('leaves nothing under the id when a second consumer counts the erased reader while the claim is under way', async () => {
      await reader('mid');
      const claim = await claimOf(store, E, 'mid', 'en', T);
      await erase('mid');
      // A duplicate message's consumer finds the reader gone while the first one is still sending.
      expect(await store.claim(E, 'mid', 'en', T + 1, T - 1000)).toEqual({ kind: 'gone' });
      await store.discard(E, 'mid', 'en', T - 1000);
      await store.settle(claim, 'sent', { messageId: 'm' });
      expect(await store.ofReader('mid', AT)).toEqual([]);
      expect(await store.list(E)).toEqual([
        { subscriberId: expect.stringMatching(/^erased-/), language: 'en', status: 'sent', attempts: 1 },
      ]);
    });

    it('counts a reader erased under the claim of a consumer that died once, when its batch comes back', async () => {
      await reader('dead');
      await claimOf(store, E, 'dead', 'en', T);
      await erase('dead');
      expect(await store.claim(E, 'dead', 'en', T + 600_000, T + 1)).toEqual({ kind: 'gone' });
      await store.discard(E, 'dead', 'en', T + 1);
      expect(await store.list(E)).toEqual([
        { subscriberId: expect.stringMatching(/^erased-/), language: 'en', status: 'skipped', attempts: 1 },
      ]);
      expect(await store.ofReader('dead', AT)).toEqual([]);
    });

    it("keeps a claim through the reader's own changes: a save from a read before the claim is refused", async () => {
      await reader('r1');
      const before = await readers.get('r1');
      const claim = await claimOf(store, E, 'r1', 'en', T);
      await expect(readers.save(before as NonNullable<typeof before>)).rejects.toThrow();
      const fresh = await readers.get('r1');
      await readers.save({ ...(fresh as NonNullable<typeof fresh>), language: 'be' });
      expect(await store.claim(E, 'r1', 'en', T + 10, T - 1)).toEqual({ kind: 'held' });
      await store.settle(claim, 'sent', { messageId: 'm' });
      expect(await store.claim(E, 'r1', 'en', T + 600_000, T + 1)).toEqual({ kind: 'settled' });
    });

    it('records bounces, complaints and transient bounces on a sent delivery, with its language, and nothing without one', async () => {
      for (const id of ['b', 'c', 't']) {
        await reader(id);
        await settled(store, E, id, 'en', 'sent', { messageId: `m-${id}`, sentAt: T + 1 }, T);
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

    it("gives a reader's records of every edition with their details, and erases them all, leaving their outcomes under no reader", async () => {
      const now = Date.UTC(2026, 11, 1);
      await reader('reader');
      await reader('someone-else');
      for (const edition of ['2025-W50', '2026-W48', '2026-W49'])
        await settled(store, edition, 'reader', 'be', 'sent', { messageId: `m-${edition}`, sentIn: 'be' }, now);
      const held = await claimOf(store, '2026-W49', 'someone-else', 'be', now);
      await store.settle(held, 'retry', { reason: 'throttled' });
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
        { subscriberId: 'someone-else', language: 'be', status: 'retry', attempts: 1 },
      ]);
    });

    it('lists every record of an edition and none of another', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `reader-${i}`);
      for (const id of ids) {
        await reader(id);
        await store.skip(E, id, 'en', 'test');
      }
      await settled(store, '2026-W49', 'reader-0', 'en', 'sent', {}, T);
      const listed = await store.list(E);
      expect(listed.map((d) => d.subscriberId).sort()).toEqual([...ids].sort());
      expect(await store.list('2026-W47')).toEqual([]);
    });
  });
}

const dynamo = useDynamo();
describeDeliveryStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return { store: new DynamoDeliveryStore(db, tableName, 4), readers: new DynamoSubscriberStore(db, tableName, 4) };
});
describeDeliveryStore('in memory', async () => {
  const readers = new MemorySubscriberStore(4);
  return { store: new MemoryDeliveryStore(readers), readers };
});
