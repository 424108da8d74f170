import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoConfirmationCeiling } from '../../functions/adapters/dynamo/confirmation-ceiling.ts';
import type { ConfirmationCeiling } from '../../functions/app/ports/confirmation-ceiling.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryConfirmationCeiling } from '../support/memory/confirmation-ceiling.ts';

// The start of a clock hour.
const H = Date.UTC(2026, 11, 7, 13);

/** The ceiling's contract: `perHour` e-mails in each clock hour, never more, then the next hour's. */
function describeConfirmationCeiling(name: string, make: (perHour: number) => Promise<ConfirmationCeiling>) {
  describe(`confirmation ceiling: ${name}`, () => {
    let ceiling: ConfirmationCeiling;
    beforeEach(async () => {
      ceiling = await make(3);
    });

    it('takes `perHour` e-mails in an hour and refuses the rest until the next hour', async () => {
      const taken = [];
      for (let i = 0; i < 5; i++) taken.push(await ceiling.take(H + i * 60_000));
      expect(taken).toEqual([true, true, true, false, false]);
      expect(ceiling.nextHour(H + 59 * 60_000)).toBe(H + 3_600_000);
      expect(await ceiling.take(H + 3_600_000)).toBe(true);
    });

    it('never goes over the limit when many take at once', async () => {
      const taken = await Promise.all(Array.from({ length: 12 }, () => ceiling.take(H + 1)));
      expect(taken.filter(Boolean)).toHaveLength(3);
    });

    it('lets an e-mail given back be taken again in the same hour', async () => {
      for (let i = 0; i < 3; i++) await ceiling.take(H);
      await ceiling.giveBack(H + 10);
      expect(await ceiling.take(H + 20)).toBe(true);
      expect(await ceiling.take(H + 30)).toBe(false);
    });
  });
}

const dynamo = useDynamo();
describeConfirmationCeiling('DynamoDB', async (perHour) => {
  const table = await dynamo.fresh();
  return new DynamoConfirmationCeiling(table.db, table.tableName, perHour);
});
describeConfirmationCeiling('in memory', async (perHour) => new MemoryConfirmationCeiling(perHour));
