import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ConsentRecords, StoredConsent } from '../../app/ports/consent-records.ts';
import { KEY_PREFIX, keys } from './keys.ts';

const CHECKPOINT = { pk: 'MIGRATION#trim-consent', sk: 'CHECKPOINT' };

/** The subscriber items' consent records in the single table (a Scan: the migration's only, run by an operator). */
export class DynamoConsentRecords implements ConsentRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(cursor: string | undefined, limit: number): Promise<{ records: StoredConsent[]; cursor?: string }> {
    const out = await this.db.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: limit,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :sub)',
        ExpressionAttributeValues: { ':sub': KEY_PREFIX.subscriber },
        ProjectionExpression: 'id, version, consent',
        ...(cursor ? { ExclusiveStartKey: JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) } : {}),
      }),
    );
    const records = (out.Items ?? []) as StoredConsent[];
    const next = out.LastEvaluatedKey;
    return next ? { records, cursor: Buffer.from(JSON.stringify(next)).toString('base64url') } : { records };
  }

  async replace(id: string, version: number, consent: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.subscriber(id),
          UpdateExpression: 'SET consent = :consent',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':consent': consent, ':version': version },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async checkpoint(): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: CHECKPOINT, ConsistentRead: true }),
    );
    return out.Item?.cursor as string | undefined;
  }

  async saveCheckpoint(cursor: string | undefined): Promise<void> {
    if (cursor === undefined) await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: CHECKPOINT }));
    else await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...CHECKPOINT, cursor } }));
  }
}
