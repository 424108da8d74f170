import { describe, expect, it } from 'vitest';
import { DynamoAddressRecords } from '../../functions/adapters/dynamo/address-records.ts';
import type { AddressRecords, StoredAddress } from '../../functions/app/ports/address-records.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryAddressRecords } from '../support/memory/address-records.ts';
import {
  inMemory,
  itPagesAndResumes,
  type MigrationUnderTest,
  onDynamo,
  pageToEnd,
} from '../support/migration-records.ts';

type Under = MigrationUnderTest<AddressRecords, StoredAddress>;
/** Stand-ins for sealed values: the port stores what it is given, opaque. */
const SEALED_OLD = 'v1.old-key.sealed';
const SEALED_NEW = 'v1.new-key.sealed';
const reader = (i: number): StoredAddress =>
  i % 2 === 0
    ? { id: `sub-${i}`, version: 1, email: `reader${i}@clear.example` }
    : { id: `sub-${i}`, version: 2, address: SEALED_OLD };
const all = async (records: AddressRecords) =>
  (await pageToEnd(records, 10)).all.sort((a, b) => a.id.localeCompare(b.id));

/**
 * The address records' contract: MigrationRecords' paging and checkpoint (`itPagesAndResumes`), records answered as
 * id, version and the sealed `address` and/or clear `email`. A re-seal is stored only at the version read: it puts the
 * sealed value in place of the address, removes the clear `email` and bumps the version; a lost answer still tells
 * the migration it re-sealed.
 */
export const describeAddressRecords: ContractSuite<Under> = (name, make) => {
  describe(`address records: ${name}`, () => {
    itPagesAndResumes(make, reader);

    it('re-seals only at the version read: the clear address gone, the version bumped', async () => {
      const { store } = await make();
      await store.write([reader(0), reader(1), reader(2)]);
      expect(await store.records.reseal('sub-0', 1, SEALED_NEW)).toBe(true);
      expect(await store.records.reseal('sub-1', 2, SEALED_NEW)).toBe(true);
      expect(await store.records.reseal('sub-2', 0, SEALED_NEW)).toBe(false);
      expect(await store.records.reseal('sub-9', 1, SEALED_NEW)).toBe(false);
      expect(await store.records.reseal('sub-0', 1, 'v1.again')).toBe(false);
      expect(await all(store.records)).toEqual([
        { id: 'sub-0', version: 2, address: SEALED_NEW },
        { id: 'sub-1', version: 3, address: SEALED_NEW },
        reader(2),
      ]);
    });

    it('tells the migration it re-sealed when the answer was lost', async () => {
      const under = await make();
      await under.store.write([reader(0)]);
      expect(await withLostAnswer(under, (s) => s.records.reseal('sub-0', 1, SEALED_NEW))).toBe(true);
      expect(await all(under.store.records)).toEqual([{ id: 'sub-0', version: 2, address: SEALED_NEW }]);
    });
  });
};

onEveryStore(describeAddressRecords, useDynamo(), {
  dynamo: (table) => onDynamo(table, new DynamoAddressRecords(table.db, table.tableName)),
  memory: () => inMemory(new MemoryAddressRecords()),
});
