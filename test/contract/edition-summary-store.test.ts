import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSummaryStore } from '../../functions/adapters/dynamo/summary-store.ts';
import type { SummaryStore } from '../../functions/app/ports/summary-store.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemorySummaryStore } from '../support/memory/summary-store.ts';

const SUMMARY = {
  en: { planned: 3, sent: 2, failed: 1, skipped: 0 },
  be: { planned: 1, sent: 0, failed: 0, skipped: 1 },
};

/** The summary store's contract: nothing before completion, the first summary stays, editions apart. */
export function describeSummaryStore(name: string, make: () => Promise<SummaryStore>): void {
  describe(`edition summary store: ${name}`, () => {
    let store: SummaryStore;
    beforeEach(async () => {
      store = await make();
    });

    it('has no summary of an edition that did not complete', async () => {
      expect(await store.get('2026-W48')).toBeUndefined();
    });

    it('keeps the first summary: a completion seen again writes nothing different', async () => {
      await store.put('2026-W48', SUMMARY);
      await store.put('2026-W48', { en: { planned: 3, sent: 1, failed: 0, skipped: 0 } });
      expect(await store.get('2026-W48')).toEqual(SUMMARY);
      expect(await store.get('2026-W49')).toBeUndefined();
    });
  });
}

const dynamo = useDynamo();
describeSummaryStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoSummaryStore(db, tableName);
});
describeSummaryStore('in memory', async () => new MemorySummaryStore());
