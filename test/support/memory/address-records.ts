import type { AddressRecords, StoredAddress } from '../../../functions/app/ports/address-records.ts';
import { MemoryMigrationRecords } from './migration-records.ts';

/** Addresses in memory: re-sealed at the version read, the clear `email` dropped, the version bumped. */
export class MemoryAddressRecords extends MemoryMigrationRecords<StoredAddress> implements AddressRecords {
  async reseal(id: string, version: number, sealed: string): Promise<boolean> {
    return this.atVersion(id, version, ({ email: _clear, ...stored }) => ({
      ...stored,
      address: sealed,
      version: version + 1,
    }));
  }
}
