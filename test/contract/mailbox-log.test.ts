import { describe, expect, it } from 'vitest';
import { DynamoMailboxLog } from '../../functions/adapters/dynamo/mailbox-log.ts';
import type { MailboxLog } from '../../functions/app/ports/mailbox-log.ts';
import type { MailboxRecords } from '../../functions/app/ports/mailbox-records.ts';
import type { CooldownPolicy } from '../../functions/core/subscription.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryMailboxLog } from '../support/memory/mailbox-log.ts';

const T = 1_764_000_000_000;
const POLICY: CooldownPolicy = { minIntervalMs: 60_000, maxPerDay: 3 };
type Log = MailboxLog & MailboxRecords;

/** The mailbox log's contract: cooldown and daily cap per mailbox, a request keeps its slot, release and erase. */
export const describeMailboxLog: ContractSuite<Log> = (name, make) => {
  describe(`mailbox log: ${name}`, () => {
    it('gives a new mailbox a slot, refuses another within the cooldown, and gives one after it', async () => {
      const { store } = await make();
      expect(await store.take('box-a', 'r1', T)).toBe(true);
      expect(await store.take('box-a', 'r2', T + 59_999)).toBe(false);
      expect(await store.take('box-b', 'r3', T + 1)).toBe(true);
      expect(await store.take('box-a', 'r4', T + 60_000)).toBe(true);
      expect(await store.slots('box-a')).toEqual([
        { at: T, request: 'r1' },
        { at: T + 60_000, request: 'r4' },
      ]);
    });

    it('caps a mailbox per day, and a request that holds a slot keeps it when asked again', async () => {
      const { store } = await make();
      for (let i = 0; i < 3; i++) expect(await store.take('box', `r${i}`, T + i * 60_000)).toBe(true);
      expect(await store.take('box', 'r3', T + 3 * 60_000)).toBe(false);
      expect(await store.take('box', 'r2', T + 3 * 60_000)).toBe(true);
      expect(await store.take('box', 'r4', T + 86_400_000 + 1)).toBe(true);
    });

    it('gives a slot back on release, and forgets the mailbox on erase', async () => {
      const { store } = await make();
      expect(await store.take('box', 'r1', T)).toBe(true);
      await store.release('box', 'r1', T + 1);
      expect(await store.slots('box')).toEqual([]);
      expect(await store.take('box', 'r2', T + 2)).toBe(true);
      await store.erase('box');
      expect(await store.slots('box')).toEqual([]);
    });

    it('gives the slot to the request whose answer was lost, once', async () => {
      const under = await make();
      expect(await withLostAnswer(under, (log) => log.take('box', 'r1', T))).toBe(true);
      expect(await under.store.slots('box')).toEqual([{ at: T, request: 'r1' }]);
      expect(await under.store.take('box', 'r2', T + 1)).toBe(false);
    });
  });
};

onEveryStore(describeMailboxLog, useDynamo(), {
  dynamo: ({ db, tableName }) => new DynamoMailboxLog(db, tableName, POLICY),
  memory: () => new MemoryMailboxLog(POLICY),
});
