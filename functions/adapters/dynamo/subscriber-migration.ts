import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { KEY_PREFIX, keys } from './keys.ts';

/**
 * What every one-off migration of the subscriber items shares: pages of them (a Scan: a migration's only, run by an
 * operator), a checkpoint item of its own (`MIGRATION#<name>`) to resume from, and a write conditioned on the
 * version it read, so that a record a reader changed meanwhile is left for the next run.
 */
export abstract class SubscriberMigration<Stored> {
  private readonly checkpointKey: { pk: string; sk: string };

  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
    name: string,
    private readonly projection: string,
  ) {
    this.checkpointKey = { pk: `MIGRATION#${name}`, sk: 'CHECKPOINT' };
  }

  async page(cursor: string | undefined, limit: number): Promise<{ records: Stored[]; cursor?: string }> {
    const out = await this.db.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: limit,
        ConsistentRead: true,
        // The subscriber items only: the reader's partition also holds other ports' items (suppression, import marks).
        FilterExpression: 'begins_with(pk, :sub) AND sk = :item',
        ExpressionAttributeValues: { ':sub': KEY_PREFIX.subscriber, ':item': keys.subscriber('').sk },
        ProjectionExpression: this.projection,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) } : {}),
      }),
    );
    const records = (out.Items ?? []) as Stored[];
    const next = out.LastEvaluatedKey;
    return next ? { records, cursor: Buffer.from(JSON.stringify(next)).toString('base64url') } : { records };
  }

  /** Applies the update to the subscriber unless its version moved on; false when it did. */
  protected async updateAtVersion(
    id: string,
    version: number,
    update: { expression: string; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.subscriber(id),
          UpdateExpression: update.expression,
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ...update.values, ':version': version },
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
      new GetCommand({ TableName: this.tableName, Key: this.checkpointKey, ConsistentRead: true }),
    );
    return out.Item?.cursor as string | undefined;
  }

  async saveCheckpoint(cursor: string | undefined): Promise<void> {
    const Key = this.checkpointKey;
    if (cursor === undefined) await this.db.send(new DeleteCommand({ TableName: this.tableName, Key }));
    else await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...Key, cursor } }));
  }
}
