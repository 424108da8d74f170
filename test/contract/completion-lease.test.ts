import { describe, expect, it } from 'vitest';
import { DynamoCompletionLease } from '../../functions/adapters/dynamo/completion-lease.ts';
import type { CompletionLease } from '../../functions/app/ports/completion-lease.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryCompletionLease } from '../support/memory/completion-lease.ts';

const T = 1_764_000_000_000;
const MINUTE = 60_000;

/**
 * The completion lease's contract: one taker per edition while the lease holds (its last millisecond included), free
 * again once it ran out or was released, held on by extend; editions apart.
 */
export const describeCompletionLease: ContractSuite<CompletionLease> = (name, make) => {
  describe(`completion lease: ${name}`, () => {
    it('lets the first take of an edition win and refuses every other until the lease has run out', async () => {
      const { store } = await make();
      expect(await store.take('2026-W48', T, T + MINUTE)).toBe(true);
      expect(await store.take('2026-W48', T + 1, T + 2 * MINUTE)).toBe(false);
      expect(await store.take('2026-W48', T + MINUTE, T + 2 * MINUTE)).toBe(false);
      expect(await store.take('2026-W49', T + 1, T + MINUTE)).toBe(true);
      expect(await store.take('2026-W48', T + MINUTE + 1, T + 2 * MINUTE)).toBe(true);
      expect(await store.take('2026-W48', T + MINUTE + 2, T + 3 * MINUTE)).toBe(false);
    });

    it('is held on by extend past its first end, and free once the new end has passed', async () => {
      const { store } = await make();
      expect(await store.take('2026-W48', T, T + MINUTE)).toBe(true);
      await store.extend('2026-W48', T + 5 * MINUTE);
      expect(await store.take('2026-W48', T + 2 * MINUTE, T + 3 * MINUTE)).toBe(false);
      expect(await store.take('2026-W48', T + 5 * MINUTE + 1, T + 6 * MINUTE)).toBe(true);
    });

    it('is free at once when released, and a release of a free lease changes nothing', async () => {
      const { store } = await make();
      await store.release('2026-W48');
      expect(await store.take('2026-W48', T, T + MINUTE)).toBe(true);
      await store.release('2026-W48');
      expect(await store.take('2026-W48', T + 1, T + MINUTE)).toBe(true);
      await store.release('2026-W49');
      expect(await store.take('2026-W48', T + 2, T + MINUTE)).toBe(false);
    });

    it('is the taker’s own when the answer to its take was lost', async () => {
      const under = await make();
      expect(await withLostAnswer(under, (lease) => lease.take('2026-W48', T, T + MINUTE))).toBe(true);
      expect(await under.store.take('2026-W48', T + 1, T + MINUTE)).toBe(false);
    });

    it('keeps the lease held when the answer to an extend was lost', async () => {
      const under = await make();
      expect(await under.store.take('2026-W48', T, T + MINUTE)).toBe(true);
      await withLostAnswer(under, (lease) => lease.extend('2026-W48', T + 5 * MINUTE));
      expect(await under.store.take('2026-W48', T + 2 * MINUTE, T + 3 * MINUTE)).toBe(false);
    });
  });
};

onEveryStore(
  describeCompletionLease,
  useDynamo(),
  {
    dynamo: ({ db, tableName }) => new DynamoCompletionLease(db, tableName),
    memory: () => new MemoryCompletionLease(),
  },
  'all',
);
