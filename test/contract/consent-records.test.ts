import { describe, expect, it } from 'vitest';
import { DynamoConsentRecords } from '../../functions/adapters/dynamo/consent-records.ts';
import type { ConsentRecords, StoredConsent } from '../../functions/app/ports/consent-records.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryConsentRecords } from '../support/memory/consent-records.ts';
import {
  inMemory,
  itPagesAndResumes,
  type MigrationUnderTest,
  onDynamo,
  pageToEnd,
} from '../support/migration-records.ts';

type Under = MigrationUnderTest<ConsentRecords, StoredConsent>;
const OLD = { requestedAt: 1, language: 'en', userAgent: 'Old Device', ipHash: 'whole-address' };
const TRIMMED = { requestedAt: 1, language: 'en' };
const reader = (i: number, version = 1): StoredConsent => ({ id: `sub-${i}`, version, consent: { ...OLD } });
const byId = (records: readonly StoredConsent[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

/**
 * The consent records' contract: MigrationRecords' paging and checkpoint (`itPagesAndResumes`), records answered as
 * id, version and consent. A replacement is stored only at the
 * version read and leaves the version as it is; a lost answer still tells the migration it replaced.
 */
export const describeConsentRecords: ContractSuite<Under> = (name, make) => {
  describe(`consent records: ${name}`, () => {
    itPagesAndResumes(make, reader);

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
