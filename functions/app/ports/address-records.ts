import type { MigrationRecords } from './migration-records.ts';

/** One subscriber item's address as stored: sealed (`address`), or in clear from before sealing (`email`). */
export interface StoredAddress {
  readonly id: string;
  readonly version: number;
  readonly address?: string;
  /** The clear attribute of a record written before addresses were sealed. */
  readonly email?: string;
}

/**
 * The subscriber items' addresses, paged through the whole table for the one-off migration and the re-encryption
 * after a data key rotation, with a checkpoint so a stopped run resumes where it was.
 */
export interface AddressRecords extends MigrationRecords<StoredAddress> {
  /**
   * Stores `sealed` in place of the record's address and removes any clear `email`, bumping its version, if the
   * record still has `version` (a concurrent writer's conditional put then fails and re-reads). False otherwise.
   */
  reseal(id: string, version: number, sealed: string): Promise<boolean>;
}
