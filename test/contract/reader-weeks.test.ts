import { describe, expect, it } from 'vitest';
import { DynamoReaderWeeks, READER_WEEK_SHARDS } from '../../functions/adapters/dynamo/reader-weeks.ts';
import type { ReaderWeeks } from '../../functions/app/ports/reader-weeks.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryReaderWeeks } from '../support/memory/reader-weeks.ts';

const T = 1_764_000_000_000;

/** The weekly reader sets' contract: a reader counts once per week and event, weeks and events apart. */
export const describeReaderWeeks: ContractSuite<ReaderWeeks> = (name, make) => {
  describe(`reader weeks: ${name}`, () => {
    it('counts nothing for a week nobody was marked in', async () => {
      const { store } = await make();
      expect(await store.counts('2026-W48')).toEqual({ confirmed: 0, unsubscribed: 0 });
    });

    it('counts each reader once per week and event however often marked, weeks and events apart', async () => {
      const { store } = await make();
      await store.mark('2026-W48', 'r1', 'confirmed', T);
      await store.mark('2026-W48', 'r1', 'confirmed', T + 1);
      await store.mark('2026-W48', 'r2', 'confirmed', T + 2);
      await store.mark('2026-W48', 'r1', 'unsubscribed', T + 3);
      await store.mark('2026-W49', 'r3', 'unsubscribed', T + 4);
      expect(await store.counts('2026-W48')).toEqual({ confirmed: 2, unsubscribed: 1 });
      expect(await store.counts('2026-W49')).toEqual({ confirmed: 0, unsubscribed: 1 });
    });

    it('counts every reader of a week however the readers are spread', async () => {
      const { store } = await make();
      const readers = Array.from({ length: 6 * READER_WEEK_SHARDS }, (_, i) => `reader-${i}`);
      for (const id of readers) await store.mark('2026-W48', id, 'confirmed', T);
      for (const id of readers.slice(0, 5)) await store.mark('2026-W48', id, 'unsubscribed', T);
      expect(await store.counts('2026-W48')).toEqual({ confirmed: readers.length, unsubscribed: 5 });
    });

    it('counts many weeks at once, in the order asked, a week never marked at zero', async () => {
      const { store } = await make();
      await store.mark('2026-W48', 'r1', 'confirmed', T);
      await store.mark('2026-W50', 'r2', 'unsubscribed', T);
      const weeks = Array.from({ length: 14 }, (_, i) => `2026-W${String(40 + i).padStart(2, '0')}`);
      const counts = await store.countsOf(weeks);
      expect(counts).toHaveLength(14);
      expect(counts[8]).toEqual({ confirmed: 1, unsubscribed: 0 });
      expect(counts[10]).toEqual({ confirmed: 0, unsubscribed: 1 });
      expect(counts.filter((c) => c.confirmed + c.unsubscribed === 0)).toHaveLength(12);
    });

    it('counts a reader once when the answer to the mark was lost', async () => {
      const under = await make();
      await withLostAnswer(under, (weeks) => weeks.mark('2026-W48', 'r1', 'confirmed', T));
      await under.store.mark('2026-W48', 'r2', 'confirmed', T);
      expect(await under.store.counts('2026-W48')).toEqual({ confirmed: 2, unsubscribed: 0 });
    });
  });
};

onEveryStore(
  describeReaderWeeks,
  useDynamo(),
  { dynamo: ({ db, tableName }) => new DynamoReaderWeeks(db, tableName), memory: () => new MemoryReaderWeeks() },
  'all',
);
