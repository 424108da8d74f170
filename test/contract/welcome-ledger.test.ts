import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoWelcomeLedger } from '../../functions/adapters/dynamo/welcome-ledger.ts';
import type { ReaderWelcomes } from '../../functions/app/ports/reader-welcomes.ts';
import type { WelcomeLedger } from '../../functions/app/ports/welcome-ledger.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryWelcomeLedger } from '../support/memory/welcome-ledger.ts';

const T = 1_764_000_000_000;

/** The welcome ledger's contract: one welcome per confirmation, a stale claim taken over, listed and erased per reader. */
export function describeWelcomeLedger(name: string, make: () => Promise<WelcomeLedger & ReaderWelcomes>) {
  describe(`welcome ledger: ${name}`, () => {
    let ledger: WelcomeLedger & ReaderWelcomes;
    beforeEach(async () => {
      ledger = await make();
    });

    it('claims a welcome once; a claim older than the stale mark is taken over, a sent one never', async () => {
      expect(await ledger.claim('r1', T, T + 1, T)).toBe(true);
      expect(await ledger.claim('r1', T, T + 2, T)).toBe(false);
      expect(await ledger.claim('r1', T, T + 3, T + 2)).toBe(true);
      await ledger.settle('r1', T, 'msg-1', T + 4);
      expect(await ledger.claim('r1', T, T + 10, T + 9)).toBe(false);
      expect(await ledger.claim('r1', T + 100, T + 10, T)).toBe(true);
    });

    it('gives an unsent claim back, never a sent one', async () => {
      await ledger.claim('r1', T, T, 0);
      await ledger.release('r1', T);
      expect(await ledger.claim('r1', T, T + 1, 0)).toBe(true);
      await ledger.settle('r1', T, 'msg-1', T + 2);
      await ledger.release('r1', T);
      expect(await ledger.ofReader('r1')).toEqual([
        { confirmedAt: T, status: 'sent', claimedAt: T + 1, sentAt: T + 2, messageId: 'msg-1' },
      ]);
    });

    it("lists a reader's welcomes oldest first and erases them without touching another reader's", async () => {
      await ledger.claim('r1', T + 50, T + 51, 0);
      await ledger.claim('r1', T, T + 1, 0);
      await ledger.settle('r1', T, 'msg-1', T + 2);
      await ledger.claim('r2', T, T + 3, 0);
      expect(await ledger.ofReader('r1')).toEqual([
        { confirmedAt: T, status: 'sent', claimedAt: T + 1, sentAt: T + 2, messageId: 'msg-1' },
        { confirmedAt: T + 50, status: 'sending', claimedAt: T + 51 },
      ]);
      await ledger.eraseReader('r1');
      expect(await ledger.ofReader('r1')).toEqual([]);
      expect(await ledger.ofReader('r2')).toEqual([{ confirmedAt: T, status: 'sending', claimedAt: T + 3 }]);
    });
  });
}

const dynamo = useDynamo();
describeWelcomeLedger('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoWelcomeLedger(db, tableName);
});
describeWelcomeLedger('in memory', async () => new MemoryWelcomeLedger());
