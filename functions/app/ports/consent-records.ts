import type { MigrationRecords } from './migration-records.ts';

/** One subscriber item's consent record as stored (older records may hold fields no longer kept). */
export interface StoredConsent {
  readonly id: string;
  readonly version: number;
  readonly consent?: Record<string, unknown>;
}

/**
 * The subscriber items' consent records, paged through the whole table for the one-off trimming migration, with a
 * checkpoint so a stopped run resumes where it was.
 */
export interface ConsentRecords extends MigrationRecords<StoredConsent> {
  /**
   * Replaces the record's consent with `consent` if the record still has `version` (leaving the version as it is:
   * a writer that read it before writes a trimmed consent anyway). False when the record changed or is gone.
   */
  replace(id: string, version: number, consent: Record<string, unknown>): Promise<boolean>;
}
