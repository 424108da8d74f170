import { describe, expect, it } from 'vitest';
import { DynamoConsentRecords } from '../../functions/adapters/dynamo/consent-records.ts';
import type { ConsentRecords, StoredConsent } from '../../functions/app/ports/consent-records.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryConsentRecords } from '../support/memory/consent-records.ts';
import { inMemory, type MigrationUnderTest, onDynamo, pageToEnd } from '../support/migration-records.ts';

type Under = MigrationUnderTest<ConsentRecords, StoredConsent>;
const OLD = { requestedAt: 1, language: 'en', userAgent: 'Old Device', ipHash: 'whole-address' };
const TRIMMED = { requestedAt: 1, language: 'en' };
const reader = (i: number, version = 1): StoredConsent => ({ id: `sub-${i}`, version, consent: { ...OLD } });
const byId = (records: readonly StoredConsent[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

/**
 * The consent records' contract: paged to the end (at most the limit a page), every subscriber record comes once,
 * as id, version and consent, and nothing else in the store comes; a run stopped after a page resumes from the
 * checkpoint it saved and sees the rest once; a cleared checkpoint is gone. A replacement is stored only at the
 * version read and leaves the version as it is; a lost answer still tells the migration it replaced.
 */
export const describeConsentRecords: ContractSuite<Under> = (name, make) => {
  describe(`consent records: ${name}`, () => {
    it('pages through every subscriber record once, as the port answers it', async () => {
      const { store } = await make();
      expect(await store.records.page(undefined, 3)).toEqual({ records: [] });
      const readers = Array.from({ length: 7 }, (_, i) => reader(i));
      await store.write(readers);
      const { all, largest } = await pageToEnd(store.records, 3);
      expect(byId(all)).toEqual(readers);
      expect(largest).toBeLessThanOrEqual(3);
    });

    it('resumes from the saved checkpoint: the rest once; a cleared checkpoint is gone', async () => {
      const { store } = await make();
      const readers = Array.from({ length: 5 }, (_, i) => reader(i));
      await store.write(readers);
      expect(await store.records.checkpoint()).toBeUndefined();
      let first = await store.records.page(undefined, 2);
      while (first.records.length === 0 && first.cursor) first = await store.records.page(first.cursor, 2);
      await store.records.saveCheckpoint(first.cursor);
      const resumedFrom = await store.records.checkpoint();
      expect(resumedFrom).toBe(first.cursor);
      const rest = await pageToEnd(store.records, 2, resumedFrom);
      expect(byId([...first.records, ...rest.all])).toEqual(readers);
      await store.records.saveCheckpoint(undefined);
      expect(await store.records.checkpoint()).toBeUndefined();
      expect(byId((await pageToEnd(store.records, 10)).all)).toEqual(readers);
    });

    it('replaces a consent only at the version read, leaving the version as it is', async () => {
      const { store } = await make();
      await store.write([reader(1), reader(2, 3)]);
      expect(await store.records.replace('sub-1', 1, TRIMMED)).toBe(true);
      expect(await store.records.replace('sub-2', 2, TRIMMED)).toBe(false);
      expect(await store.records.replace('sub-9', 1, TRIMMED)).toBe(false);
      const { all } = await pageToEnd(store.records, 10);
      expect(byId(all)).toEqual([{ id: 'sub-1', version: 1, consent: TRIMMED }, reader(2, 3)]);
    });

    it('tells the migration it replaced when the answer was lost', async () => {
      const under = await make();
      await under.store.write([reader(1)]);
      expect(await withLostAnswer(under, (s) => s.records.replace('sub-1', 1, TRIMMED))).toBe(true);
      expect((await pageToEnd(under.store.records, 10)).all).toEqual([{ id: 'sub-1', version: 1, consent: TRIMMED }]);
    });
  });
};

onEveryStore(describeConsentRecords, useDynamo(), {
  dynamo: (table) => onDynamo(table, new DynamoConsentRecords(table.db, table.tableName)),
  memory: () => inMemory(new MemoryConsentRecords()),
});
