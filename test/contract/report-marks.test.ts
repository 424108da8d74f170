import { describe, expect, it } from 'vitest';
import { DynamoReportMarks } from '../../functions/adapters/dynamo/report-marks.ts';
import type { ReportMarks } from '../../functions/app/ports/report-marks.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryReportMarks } from '../support/memory/report-marks.ts';

const T = 1_764_000_000_000;

const MINUTE = 60_000;

/** The report marks' contract: one claim wins per edition until its time runs out or it is released; a done one stays. */
export const describeReportMarks: ContractSuite<ReportMarks> = (name, make) => {
  describe(`report marks: ${name}`, () => {
    it('lets the first claim of an edition win and refuses the next while it is held', async () => {
      const { store } = await make();
      expect(await store.claim('2026-W48', T, T + MINUTE)).toBe(true);
      expect(await store.claim('2026-W48', T + 1, T + MINUTE)).toBe(false);
      expect(await store.claim('2026-W49', T + 2, T + MINUTE)).toBe(true);
    });

    it('can be claimed again once released (the report mail failed) or once its time ran out', async () => {
      const { store } = await make();
      expect(await store.claim('2026-W48', T, T + MINUTE)).toBe(true);
      await store.release('2026-W48');
      expect(await store.claim('2026-W48', T + 1, T + MINUTE)).toBe(true);
      expect(await store.claim('2026-W48', T + MINUTE + 1, T + 2 * MINUTE)).toBe(true);
    });

    it('stays taken for good once the report went out', async () => {
      const { store } = await make();
      expect(await store.claim('2026-W48', T, T + MINUTE)).toBe(true);
      await store.complete('2026-W48');
      expect(await store.claim('2026-W48', T + 10 * MINUTE, T + 11 * MINUTE)).toBe(false);
    });

    it('is still the claimer’s own when the answer to its claim was lost', async () => {
      const under = await make();
      expect(await withLostAnswer(under, (marks) => marks.claim('2026-W48', T, T + MINUTE))).toBe(true);
      expect(await under.store.claim('2026-W48', T + 1, T + MINUTE)).toBe(false);
    });
  });
};

onEveryStore(describeReportMarks, useDynamo(), {
  dynamo: ({ db, tableName }) => new DynamoReportMarks(db, tableName),
  memory: () => new MemoryReportMarks(),
});
