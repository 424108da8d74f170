import { describe, expect, it } from 'vitest';
import { DynamoErasureMarkers } from '../../functions/adapters/dynamo/erasure-markers.ts';
import type { ErasureMarkers } from '../../functions/app/ports/erasure-markers.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryErasureMarkers } from '../support/memory/erasure-markers.ts';

const T = 1_764_000_000_000;

/**
 * The erasure markers' contract: a marked reader's erasure time is read back until the marker is cleared, a later
 * erasure moves it on (an earlier one seen late does not move it back), and one read tells which of many readers (more than one batch's worth) carry a marker.
 */
export const describeErasureMarkers: ContractSuite<ErasureMarkers> = (name, make) => {
  describe(`erasure markers: ${name}`, () => {
    it('remembers when a reader was last erased, until cleared', async () => {
      const { store } = await make();
      expect(await store.erasedAt('sub-1')).toBeUndefined();
      await store.mark('sub-1', T);
      expect(await store.erasedAt('sub-1')).toBe(T);
      expect(await store.erasedAt('sub-2')).toBeUndefined();
      await store.mark('sub-1', T + 60_000);
      expect(await store.erasedAt('sub-1')).toBe(T + 60_000);
      // An earlier erasure seen late (another process's, retried) does not move it back.
      await store.mark('sub-1', T + 30_000);
      expect(await store.erasedAt('sub-1')).toBe(T + 60_000);
      await store.clear('sub-1');
      expect(await store.erasedAt('sub-1')).toBeUndefined();
      await store.clear('sub-1');
    });

    it('tells which of many readers carry a marker, in one call, duplicates and all', async () => {
      const { store } = await make();
      const ids = Array.from({ length: 230 }, (_, i) => `sub-${i}`);
      for (const id of ['sub-3', 'sub-120', 'sub-229']) await store.mark(id, T);
      await store.mark('sub-50', T);
      await store.clear('sub-50');
      expect(await store.among([])).toEqual(new Set());
      expect(await store.among([...ids, 'sub-3'])).toEqual(new Set(['sub-3', 'sub-120', 'sub-229']));
    });

    it('marks when the answer to the mark was lost', async () => {
      const under = await make();
      await withLostAnswer(under, (markers) => markers.mark('sub-1', T));
      expect(await under.store.erasedAt('sub-1')).toBe(T);
      expect(await under.store.among(['sub-1', 'sub-2'])).toEqual(new Set(['sub-1']));
    });
  });
};

onEveryStore(
  describeErasureMarkers,
  useDynamo(),
  {
    dynamo: ({ db, tableName }) => new DynamoErasureMarkers(db, tableName),
    memory: () => new MemoryErasureMarkers(),
  },
  'all',
);
