import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AddressRecords, StoredAddress } from '../../app/ports/address-records.ts';
import { SubscriberMigration } from './subscriber-migration.ts';

/** The subscriber items' addresses, for `migrate encrypt-addresses` (which also re-seals under a newer key). */
export class DynamoAddressRecords extends SubscriberMigration<StoredAddress> implements AddressRecords {
  constructor(db: DynamoDBDocumentClient, tableName: string) {
    super(db, tableName, 'encrypt-addresses', 'id, version, address, email');
  }

  reseal(id: string, version: number, sealed: string): Promise<boolean> {
    // A sealed value is new at every seal (a fresh IV): stored at the next version, it is this write.
    return this.updateAtVersion(
      id,
      version,
      (at) => ({
        expression: 'SET address = :sealed, version = :next REMOVE email',
        values: { ':sealed': sealed, ':next': at + 1 },
      }),
      (stored, at) => stored.version === at + 1 && stored.address === sealed,
    );
  }
}
