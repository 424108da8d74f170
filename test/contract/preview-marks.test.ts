import { describe, expect, it } from 'vitest';
import { DynamoPreviewMarks } from '../../functions/adapters/dynamo/preview-marks.ts';
import type { PreviewMarks } from '../../functions/app/ports/preview-marks.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryPreviewMarks } from '../support/memory/preview-marks.ts';

const T = 1_764_000_000_000;

/** The preview marks' contract: one claim wins per edition, stage and editor until it is released. */
export function describePreviewMarks(name: string, make: () => Promise<PreviewMarks>): void {
  describe(`preview marks: ${name}`, () => {
    it('lets one claim win, whatever its state afterwards', async () => {
      const marks = await make();
      expect(await marks.state('2026-W48', 'open', 'ed-1')).toBeUndefined();
      expect(await marks.claim('2026-W48', 'open', 'ed-1', T)).toBe(true);
      expect(await marks.state('2026-W48', 'open', 'ed-1')).toBe('sending');
      expect(await marks.claim('2026-W48', 'open', 'ed-1', T + 1)).toBe(false);
      await marks.settle('2026-W48', 'open', 'ed-1', 'uncertain');
      expect(await marks.claim('2026-W48', 'open', 'ed-1', T + 2)).toBe(false);
      expect(await marks.state('2026-W48', 'open', 'ed-1')).toBe('uncertain');
      await marks.settle('2026-W48', 'open', 'ed-1', 'sent');
      expect(await marks.claim('2026-W48', 'open', 'ed-1', T + 3)).toBe(false);
    });

    it('keeps editors, stages and editions apart', async () => {
      const marks = await make();
      expect(await marks.claim('2026-W48', 'open', 'ed-1', T)).toBe(true);
      expect(await marks.claim('2026-W48', 'open', 'ed-2', T)).toBe(true);
      expect(await marks.claim('2026-W48', 'started', 'ed-1', T)).toBe(true);
      expect(await marks.claim('2026-W49', 'open', 'ed-1', T)).toBe(true);
    });

    it('can be claimed again once released, by one of two claims at once', async () => {
      const marks = await make();
      expect(await marks.claim('2026-W48', 'open', 'ed-1', T)).toBe(true);
      await marks.release('2026-W48', 'open', 'ed-1');
      expect(await marks.state('2026-W48', 'open', 'ed-1')).toBeUndefined();
      const both = await Promise.all([
        marks.claim('2026-W48', 'open', 'ed-1', T + 1),
        marks.claim('2026-W48', 'open', 'ed-1', T + 1),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });
  });
}

const dynamo = useDynamo();
describePreviewMarks('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoPreviewMarks(db, tableName);
});
describePreviewMarks('DynamoDB adapter on dynalite, every write answer lost once', async () => {
  const { db, tableName } = await dynamo.losingAnswers('all');
  return new DynamoPreviewMarks(db, tableName);
});
describePreviewMarks('in memory', async () => new MemoryPreviewMarks());
