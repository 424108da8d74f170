import { describe, expect, it } from 'vitest';
import { DynamoSuppressions } from '../../functions/adapters/dynamo/suppressions.ts';
import type { Suppressions } from '../../functions/app/ports/suppressions.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemorySuppressions } from '../support/memory/suppressions.ts';

const T = 1_764_000_000_000;
const bounced = { reason: 'bounced' as const, at: T, importId: 'sha-1' };

/**
 * The suppressions' contract: a reader's first suppression is kept and read back, a later one changes nothing and
 * says so, readers apart; a suppression whose answer was lost is reported as stored by this call.
 */
export const describeSuppressions: ContractSuite<Suppressions> = (name, make) => {
  describe(`suppressions: ${name}`, () => {
    it('keeps the first suppression of a reader; a later one changes nothing', async () => {
      const { store } = await make();
      expect(await store.suppressionOf('sub-1')).toBeUndefined();
      expect(await store.suppress('sub-1', bounced)).toBe(true);
      expect(await store.suppress('sub-1', { reason: 'unsubscribed', at: T + 1, importId: 'sha-2' })).toBe(false);
      expect(await store.suppressionOf('sub-1')).toEqual(bounced);
      expect(await store.suppressionOf('sub-2')).toBeUndefined();
      expect(await store.suppress('sub-2', { ...bounced, reason: 'complained' })).toBe(true);
      expect(await store.suppressionOf('sub-2')).toEqual({ ...bounced, reason: 'complained' });
    });

    it('tells the caller it stored the suppression when the answer was lost', async () => {
      const under = await make();
      expect(await withLostAnswer(under, (s) => s.suppress('sub-1', bounced))).toBe(true);
      expect(await under.store.suppressionOf('sub-1')).toEqual(bounced);
    });
  });
};

onEveryStore(describeSuppressions, useDynamo(), {
  dynamo: ({ db, tableName }) => new DynamoSuppressions(db, tableName),
  memory: () => new MemorySuppressions(),
});
