import type { ConsentRecords, StoredConsent } from '../../../functions/app/ports/consent-records.ts';
import { MemoryMigrationRecords } from './migration-records.ts';

/** Consent records in memory: replaced at the version read, the version left as it is. */
export class MemoryConsentRecords extends MemoryMigrationRecords<StoredConsent> implements ConsentRecords {
  async replace(id: string, version: number, consent: Record<string, unknown>): Promise<boolean> {
    return this.atVersion(id, version, (stored) => ({ ...stored, consent: structuredClone(consent) }));
  }
}
