import { describe, expect, it } from 'vitest';
import { DynamoReaderCounts } from '../../functions/adapters/dynamo/reader-counts.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import type { ReaderCounts } from '../../functions/app/ports/reader-counts.ts';
import type { SubscriberDataStore } from '../../functions/app/ports/subscriber-data-store.ts';
import type { SubscriberStore } from '../../functions/app/ports/subscriber-store.ts';
import { ConcurrentUpdateError } from '../../functions/core/errors.ts';
import type { Subscription } from '../../functions/core/subscription.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryReaderCounts } from '../support/memory/reader-counts.ts';
import { MemorySubscriberStore } from '../support/memory/subscriber-store.ts';
import { aSubscription } from '../support/subscriptions.ts';

// 2025-11-24T16:00Z: a pending request made now lapses on 2025-11-25.
const T = 1_764_000_000_000;

/** The counters and the store whose state changes move them. */
interface CountsUnderTest {
  readonly counts: ReaderCounts;
  readonly store: SubscriberStore & SubscriberDataStore;
}

/** Saves `sub` changed by `change`, from the stored copy (as the use cases do). */
async function update(store: SubscriberStore, id: string, change: Partial<Subscription>): Promise<Subscription> {
  const current = await store.get(id);
  if (!current) throw new Error(`no subscription ${id}`);
  return store.save({ ...current, ...change });
}

/** The readers' counters' contract: every state change the store writes moves exactly one reader. */
export function describeReaderCounts(name: string, make: () => Promise<CountsUnderTest>, perLanguage = 8): void {
  describe(`reader counts: ${name}`, () => {
    it('counts nothing in an empty store', async () => {
      const { counts } = await make();
      expect(await counts.cells()).toEqual({});
    });

    it('counts each new subscription in its language and status, a pending one by the day its window ends', async () => {
      const { counts, store } = await make();
      await store.save(aSubscription({ language: 'be', status: 'pending', expiresAt: T + 86_400_000 }));
      await store.save(aSubscription({ language: 'en', status: 'confirmed' }));
      await store.save(aSubscription({ language: 'en', status: 'confirmed' }));
      expect(await counts.cells()).toEqual({ 'be#pending#2025-11-25': 1, 'en#confirmed': 2 });
    });

    it('moves a reader through confirm, unsubscribe, re-subscribe and complaint, and out on erasure', async () => {
      const { counts, store } = await make();
      const { id } = await store.save(aSubscription({ language: 'ru', status: 'pending', expiresAt: T }));
      await update(store, id, { status: 'confirmed', confirmedAt: T, expiresAt: undefined });
      expect(await counts.cells()).toMatchObject({ 'ru#confirmed': 1 });
      await update(store, id, { status: 'unsubscribed', unsubscribedAt: T });
      await update(store, id, { status: 'pending', expiresAt: T + 7 * 86_400_000 });
      expect(await nonZero(counts)).toEqual({ 'ru#pending#2025-12-01': 1 });
      await update(store, id, { status: 'confirmed', expiresAt: undefined });
      await update(store, id, { status: 'complained' });
      expect(await nonZero(counts)).toEqual({ 'ru#complained': 1 });
      await store.delete(id);
      await store.delete(id);
      expect(await nonZero(counts)).toEqual({});
    });

    it('counts a change lost to a concurrent writer once, with the writer that won', async () => {
      const { counts, store } = await make();
      const { id } = await store.save(aSubscription({ status: 'pending', expiresAt: T }));
      const current = (await store.get(id)) as Subscription;
      const outcomes = await Promise.allSettled([
        store.save({ ...current, status: 'confirmed', expiresAt: undefined }),
        store.save({ ...current, status: 'unsubscribed' }),
      ]);
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentUpdateError);
      const stored = (await store.get(id)) as Subscription;
      expect(await nonZero(counts)).toEqual({ [`en#${stored.status}`]: 1 });
    });

    it('adds up many readers of every language', async () => {
      const { counts, store } = await make();
      const languages = ['en', 'be', 'ru'] as const;
      for (let i = 0; i < 3 * perLanguage; i++)
        await store.save(aSubscription({ language: languages[i % 3], status: 'confirmed' }));
      expect(await counts.cells()).toEqual({
        'en#confirmed': perLanguage,
        'be#confirmed': perLanguage,
        'ru#confirmed': perLanguage,
      });
    });
  });
}

async function nonZero(counts: ReaderCounts): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await counts.cells()).filter(([, n]) => n !== 0));
}

const dynamo = useDynamo();
describeReaderCounts('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return { counts: new DynamoReaderCounts(db, tableName), store: new DynamoSubscriberStore(db, tableName, 4) };
});
// Fewer readers here: each lost answer spends the SDK's retry quota (10 of its 500 tokens).
describeReaderCounts(
  'DynamoDB adapter on dynalite, every write answer lost once',
  async () => {
    const { db, tableName } = await dynamo.losingAnswers('all');
    return { counts: new DynamoReaderCounts(db, tableName), store: new DynamoSubscriberStore(db, tableName, 4) };
  },
  3,
);
describeReaderCounts('in memory', async () => {
  const store = new MemorySubscriberStore();
  return { counts: new MemoryReaderCounts(store), store };
});
