import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoFeedbackSets } from '../../functions/adapters/dynamo/feedback-sets.ts';
import type { FeedbackSets } from '../../functions/app/ports/feedback-sets.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryFeedbackSets } from '../support/memory/feedback-sets.ts';

const T = 1_764_000_000_000;
const E = '2026-W48';
const ids = Array.from({ length: 40 }, (_, i) => `reader-${i}`);

/** The feedback sets' contract: distinct readers per kind and language, marks idempotent, erasure per edition. */
export function describeFeedbackSets(name: string, make: () => Promise<FeedbackSets>): void {
  describe(`feedback sets: ${name}`, () => {
    let sets: FeedbackSets;
    beforeEach(async () => {
      sets = await make();
    });

    it('counts nothing for an edition without feedback', async () => {
      expect(await sets.counts(E)).toEqual({});
    });

    it('counts each reader once per edition, however often the same feedback is marked', async () => {
      for (const id of ids) await sets.mark(E, id, 'en', 'bounced', T);
      for (const id of ids.slice(0, 10)) await sets.mark(E, id, 'en', 'bounced', T + 1);
      await sets.mark(E, 'r-be', 'be', 'complained', T);
      await sets.mark(E, 'r-be', 'be', 'complained', T);
      await sets.mark('2026-W49', 'other', 'ru', 'bounced', T);
      expect(await sets.counts(E)).toEqual({ en: { bounced: 40, complained: 0 }, be: { bounced: 0, complained: 1 } });
    });

    it('keeps a reader in the kind marked last, as the delivery record does', async () => {
      await sets.mark(E, 'r1', 'en', 'bounced', T);
      await sets.mark(E, 'r1', 'en', 'complained', T + 1);
      await sets.mark(E, 'r2', 'en', 'complained', T);
      expect(await sets.counts(E)).toEqual({ en: { bounced: 0, complained: 2 } });
    });

    it("forgets a reader in the editions named, and only that reader's membership", async () => {
      for (const e of [E, '2026-W49', '2026-W50']) {
        await sets.mark(e, 'gone', 'en', 'bounced', T);
        await sets.mark(e, 'stays', 'en', 'bounced', T);
      }
      await sets.forget('gone', [E, '2026-W49', '2026-W51']);
      expect(await sets.counts(E)).toEqual({ en: { bounced: 1, complained: 0 } });
      expect(await sets.counts('2026-W49')).toEqual({ en: { bounced: 1, complained: 0 } });
      expect(await sets.counts('2026-W50')).toEqual({ en: { bounced: 2, complained: 0 } });
      expect(await sets.counts('2026-W51')).toEqual({});
      await sets.forget('stays', [E]);
      expect(await sets.counts(E)).toEqual({});
    });

    it('counts readers suppressed after soft bounces per language, once each, apart from the bounce sets', async () => {
      expect(await sets.suppressedCounts(E)).toEqual({});
      for (const id of ids.slice(0, 12)) await sets.markSuppressed(E, id, 'en', T);
      await sets.markSuppressed(E, 'r-ru', 'ru', T);
      await sets.markSuppressed(E, 'r-ru', 'ru', T + 1);
      await sets.markSuppressed('2026-W49', 'other', 'en', T);
      expect(await sets.suppressedCounts(E)).toEqual({ en: 12, ru: 1 });
      expect(await sets.counts(E)).toEqual({});
      await sets.forget('r-ru', [E]);
      expect(await sets.suppressedCounts(E)).toEqual({ en: 12 });
    });
  });
}

const dynamo = useDynamo();
describeFeedbackSets('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoFeedbackSets(db, tableName);
});
describeFeedbackSets('in memory', async () => new MemoryFeedbackSets());
