import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { KEY_PREFIX, keys } from './keys.ts';

/** Writes of one record a run tries while other writers move only its version on (a send claims it once). */
const MAX_ATTEMPTS = 5;

/**
 * What every one-off migration of the subscriber items shares: pages of them (a Scan: a migration's only, run by an
 * operator), a checkpoint item of its own (`MIGRATION#<name>`) to resume from, and a write conditioned on the
 * version it read, so that a record a reader changed meanwhile is left for the next run (one whose version alone
 * moved on, as a send's claim does, is written at the new version).
 */
export abstract class SubscriberMigration<Stored> {
  private readonly checkpointKey: { pk: string; sk: string };
  /** The migrated attributes of the last page's records, as paged (`migrated`), by id. */
  private readonly paged = new Map<string, string>();
  private readonly fields: string[];

  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
    name: string,
    private readonly projection: string,
  ) {
    this.checkpointKey = { pk: `MIGRATION#${name}`, sk: 'CHECKPOINT' };
    this.fields = projection
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== 'id' && name !== 'version');
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
    this.paged.clear();
    for (const item of out.Items ?? []) this.paged.set(String(item.id), this.migrated(item));
    const next = out.LastEvaluatedKey;
    return next ? { records, cursor: Buffer.from(JSON.stringify(next)).toString('base64url') } : { records };
  }

  /**
   * Applies the update to the subscriber at the version it was paged at. When that version moved on, a consistent
   * re-read tells this write's own retry after a lost answer (`applied`: true) from another writer. A writer that left
   * the migrated attributes as paged (a send's claim moves only the version on) does not stop it: it applies again at
   * the version read. A writer that changed them leaves the record for the next run (false).
   */
  protected async updateAtVersion(
    id: string,
    version: number,
    update: (version: number) => { expression: string; values: Record<string, unknown> },
    applied?: (stored: Record<string, unknown>, version: number) => boolean,
  ): Promise<boolean> {
    let at = version;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { expression, values } = update(at);
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.subscriber(id),
            UpdateExpression: expression,
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ...values, ':version': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        const out = await this.db.send(
          new GetCommand({ TableName: this.tableName, Key: keys.subscriber(id), ConsistentRead: true }),
        );
        const stored = out.Item;
        if (stored === undefined) return false;
        if (applied?.(stored, at)) return true;
        if (this.paged.get(id) !== this.migrated(stored)) return false;
        at = stored.version as number;
      }
    }
    return false;
  }

  /** The attributes a migration reads besides the key and the version, as one string to compare. */
  private migrated(item: Record<string, unknown>): string {
    return JSON.stringify(this.fields.map((name) => item[name] ?? null));
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
