import { describe, expect, it } from 'vitest';
import { DynamoHoldStore } from '../../functions/adapters/dynamo/hold-store.ts';
import type { HoldStore } from '../../functions/app/ports/hold-store.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryHoldStore } from '../support/memory/hold-store.ts';

const T = 1_764_000_000_000;

/** The holds' contract: an edition is held until released, holding twice is one hold, editions apart. */
export const describeHoldStore: ContractSuite<HoldStore> = (name, make) => {
  describe(`hold store: ${name}`, () => {
    it('holds an edition until it is released, and tells whether there was a hold to release', async () => {
      const { store } = await make();
      expect(await store.isHeld('2026-W48')).toBe(false);
      await store.hold('2026-W48', 'editor', T);
      expect(await store.isHeld('2026-W48')).toBe(true);
      expect(await store.isHeld('2026-W49')).toBe(false);
      expect(await store.release('2026-W48')).toBe(true);
      expect(await store.isHeld('2026-W48')).toBe(false);
      expect(await store.release('2026-W48')).toBe(false);
    });

    it('keeps one hold when held twice: one release lifts it', async () => {
      const { store } = await make();
      await store.hold('2026-W48', 'editor', T);
      await store.hold('2026-W48', 'link', T + 1);
      expect(await store.release('2026-W48')).toBe(true);
      expect(await store.isHeld('2026-W48')).toBe(false);
    });

    it('holds when the answer to the hold was lost', async () => {
      const under = await make();
      await withLostAnswer(under, (holds) => holds.hold('2026-W48', 'editor', T));
      expect(await under.store.isHeld('2026-W48')).toBe(true);
    });
  });
};

onEveryStore(
  describeHoldStore,
  useDynamo(),
  { dynamo: ({ db, tableName }) => new DynamoHoldStore(db, tableName), memory: () => new MemoryHoldStore() },
  'all',
);
