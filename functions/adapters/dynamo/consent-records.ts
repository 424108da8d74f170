import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsentRecords, StoredConsent } from '../../app/ports/consent-records.ts';
import { SubscriberMigration } from './subscriber-migration.ts';

/**
 * The subscriber items' consent records, for `migrate trim-consent`. The trimmed record replaces the old one without
 * bumping the version: every other writer already drops the removed fields, so a concurrent save loses nothing.
 */
export class DynamoConsentRecords extends SubscriberMigration<StoredConsent> implements ConsentRecords {
  constructor(db: DynamoDBDocumentClient, tableName: string) {
    super(db, tableName, 'trim-consent', 'id, version, consent');
  }

  replace(id: string, version: number, consent: Record<string, unknown>): Promise<boolean> {
    return this.updateAtVersion(id, version, () => ({
      expression: 'SET consent = :consent',
      values: { ':consent': consent },
    }));
  }
}
