import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoCountsBackfill } from '../../functions/adapters/dynamo/counts-backfill.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { COUNT_SHARDS, DynamoReaderCounts } from '../../functions/adapters/dynamo/reader-counts.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import { withOptimisticRetry } from '../../functions/app/optimistic-retry.ts';
import type { CountsBackfill, ReaderCounts } from '../../functions/app/ports/reader-counts.ts';
import type { SubscriberStore } from '../../functions/app/ports/subscriber-store.ts';
import { InvalidInputError } from '../../functions/core/errors.ts';
import type { Subscription } from '../../functions/core/subscription.ts';
import { type TestTable, useDynamo } from '../support/dynamo.ts';
import { MemoryCountsBackfill, MemoryLegacyCounts } from '../support/memory/counts-backfill.ts';
import { MemorySubscriberStore } from '../support/memory/subscriber-store.ts';
import { aSubscription } from '../support/subscriptions.ts';

const T = 1_764_000_000_000;

/** A store holding subscriptions saved before the counters existed, its counters, and backfills of any page size. */
interface BackfillUnderTest {
  readonly store: SubscriberStore;
  readonly counts: ReaderCounts;
  /** Saves `n` subscriptions as they were stored before the counters: uncounted. */
  legacy(n: number, status: 'pending' | 'confirmed'): Promise<Subscription[]>;
  backfill(pageItems: number): CountsBackfill;
}

async function backfillAll(backfill: CountsBackfill): Promise<{ counted: number; already: number; steps: number }> {
  let total = { counted: 0, already: 0, steps: 0 };
  let after: string | undefined;
  do {
    const step = await backfill.backfillCounts(after);
    total = { counted: total.counted + step.counted, already: total.already + step.already, steps: total.steps + 1 };
    after = step.next;
  } while (after);
  return total;
}

const nonZero = (cells: Record<string, number>) => Object.fromEntries(Object.entries(cells).filter(([, n]) => n));

/** The backfill's contract: every subscription stored before the counters is counted once, however it is run. */
export function describeCountsBackfill(name: string, make: () => Promise<BackfillUnderTest>, readers = 25): void {
  describe(`counts backfill: ${name}`, () => {
    it('counts every reader once, in steps of its page size, and a second run counts nothing', async () => {
      const t = await make();
      await t.legacy(readers, 'confirmed');
      expect(nonZero(await t.counts.cells())).toEqual({});
      const first = await backfillAll(t.backfill(7));
      expect(first).toMatchObject({ counted: readers, already: 0 });
      expect(first.steps).toBeGreaterThanOrEqual(Math.ceil(readers / 7));
      expect(nonZero(await t.counts.cells())).toEqual({ 'en#confirmed': readers });
      expect(await backfillAll(t.backfill(7))).toMatchObject({ counted: 0, already: readers });
      expect(nonZero(await t.counts.cells())).toEqual({ 'en#confirmed': readers });
    });

    it('leaves readers stored with the counters alone and counts only the others', async () => {
      const t = await make();
      await t.legacy(3, 'confirmed');
      await t.store.save(aSubscription({ language: 'ru', status: 'confirmed' }, T));
      expect(nonZero(await t.counts.cells())).toEqual({ 'ru#confirmed': 1 });
      expect(await backfillAll(t.backfill(2))).toMatchObject({ counted: 3, already: 1 });
      expect(nonZero(await t.counts.cells())).toEqual({ 'en#confirmed': 3, 'ru#confirmed': 1 });
    });

    it('counts each reader once while they confirm at the same time, whoever writes first', async () => {
      const t = await make();
      const subs = await t.legacy(Math.min(readers, 12), 'pending');
      const confirmOne = (id: string) =>
        withOptimisticRetry(async () => {
          const current = (await t.store.get(id)) as Subscription;
          return t.store.save({ ...current, status: 'confirmed', confirmedAt: T, expiresAt: undefined });
        });
      await Promise.all([backfillAll(t.backfill(4)), ...subs.map((s) => confirmOne(s.id))]);
      await backfillAll(t.backfill(4));
      expect(nonZero(await t.counts.cells())).toEqual({ 'en#confirmed': subs.length });
    });

    it('answers an empty store in one step with nothing to go on from', async () => {
      const t = await make();
      expect(await t.backfill(5).backfillCounts()).toEqual({ counted: 0, already: 0 });
    });

    it('refuses a cursor it did not answer', async () => {
      const t = await make();
      await expect(t.backfill(5).backfillCounts('bm90LWEtY3Vyc29y')).rejects.toBeInstanceOf(InvalidInputError);
    });
  });
}

/** Subscriptions saved through the store, then stripped of their mark and the counters emptied, as before them. */
async function legacyOnDynamo(table: TestTable, n: number, status: 'pending' | 'confirmed'): Promise<Subscription[]> {
  const store = new DynamoSubscriberStore(table.db, table.tableName, 4);
  const subs: Subscription[] = [];
  for (let i = 0; i < n; i++) subs.push(await store.save(aSubscription({ status, expiresAt: T }, T)));
  for (const sub of subs)
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.subscriber(sub.id),
        UpdateExpression: 'REMOVE counted',
      }),
    );
  for (let s = 0; s < COUNT_SHARDS; s++)
    await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: keys.readerCount(s) }));
  return subs;
}

function onDynamo(table: TestTable): BackfillUnderTest {
  return {
    store: new DynamoSubscriberStore(table.db, table.tableName, 4),
    counts: new DynamoReaderCounts(table.db, table.tableName),
    legacy: (n, status) => legacyOnDynamo(table, n, status),
    backfill: (pageItems) => new DynamoCountsBackfill(table.db, table.tableName, pageItems),
  };
}

const dynamo = useDynamo();
describeCountsBackfill('DynamoDB adapter on dynalite', async () => onDynamo(await dynamo.fresh()));
// Fewer readers: each lost answer spends the SDK's retry quota.
describeCountsBackfill(
  'DynamoDB adapter on dynalite, every write answer lost once',
  async () => onDynamo(await dynamo.losingAnswers('all')),
  6,
);
describeCountsBackfill('in memory', async () => {
  const store = new MemorySubscriberStore();
  const counts = new MemoryLegacyCounts(store);
  return {
    store,
    counts,
    async legacy(n, status) {
      const subs: Subscription[] = [];
      for (let i = 0; i < n; i++) {
        const sub = await store.save(aSubscription({ status, expiresAt: T }, T));
        counts.uncounted.add(sub.id);
        subs.push(sub);
      }
      return subs;
    },
    backfill: (pageItems) => new MemoryCountsBackfill(counts, pageItems),
  };
});
