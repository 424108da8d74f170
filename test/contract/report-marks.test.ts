import { describe, expect, it } from 'vitest';
import { DynamoReportMarks } from '../../functions/adapters/dynamo/report-marks.ts';
import type { ReportMarks } from '../../functions/app/ports/report-marks.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryReportMarks } from '../support/memory/report-marks.ts';

const T = 1_764_000_000_000;

/** The report marks' contract: one claim wins per edition, a released mark can be taken again. */
export const describeReportMarks: ContractSuite<ReportMarks> = (name, make) => {
  describe(`report marks: ${name}`, () => {
    it('lets the first claim of an edition win and refuses the next', async () => {
      const { store } = await make();
      expect(await store.claim('2026-W48', T)).toBe(true);
      expect(await store.claim('2026-W48', T + 1)).toBe(false);
      expect(await store.claim('2026-W49', T + 2)).toBe(true);
    });

    it('can be claimed again once released (the report mail failed)', async () => {
      const { store } = await make();
      expect(await store.claim('2026-W48', T)).toBe(true);
      await store.release('2026-W48');
      expect(await store.claim('2026-W48', T + 1)).toBe(true);
    });

    it('is still the claimer’s own when the answer to its claim was lost', async () => {
      const under = await make();
      expect(await withLostAnswer(under, (marks) => marks.claim('2026-W48', T))).toBe(true);
      expect(await under.store.claim('2026-W48', T + 1)).toBe(false);
    });
  });
};

onEveryStore(describeReportMarks, useDynamo(), {
  dynamo: ({ db, tableName }) => new DynamoReportMarks(db, tableName),
  memory: () => new MemoryReportMarks(),
});
