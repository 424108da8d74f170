import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportLedger, ImportProgress, ImportRowMark } from '../../app/ports/import-ledger.ts';
import { ConcurrentUpdateError } from '../../core/errors.ts';
import { deleteKeys, writeAll } from './batch.ts';
import { putIf, sameVersion, withoutKeys } from './conditional-write.ts';
import { KEY_PREFIX, keys } from './keys.ts';
import { allItems } from './pager.ts';

/**
 * Each import's progress record, `IMPORT#<sha-256>` / `IMPORT` (version-guarded; its tail is sealed), and one mark per
 * reader (line, outcome, language: no address), in the reader's partition: `SUB#<id>` / `IMPORT#<sha>`, written in
 * batches after the readers' own writes (read back by DynamoImportReads).
 */
export class DynamoImportLedger implements ImportLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async progress(importId: string): Promise<ImportProgress | undefined> {
    const item = await this.get(keys.importProgress(importId));
    if (!item) return undefined;
    const { kind: _kind, ...rest } = withoutKeys(item);
    return rest as unknown as ImportProgress;
  }

  async saveProgress(progress: ImportProgress): Promise<ImportProgress> {
    const stored = { ...progress, version: progress.version + 1 };
    const item = { ...keys.importProgress(progress.id), kind: 'import', ...stored };
    const outcome = await putIf(this.db, this.tableName, item, sameVersion(progress.version));
    if (!outcome.written) throw new ConcurrentUpdateError({ importId: progress.id });
    return stored;
  }

  async markRows(importId: string, rows: readonly { subscriberId: string; mark: ImportRowMark }[]): Promise<void> {
    const puts = rows.map(({ subscriberId, mark }) => ({
      PutRequest: { Item: { ...keys.importRow(importId, subscriberId), kind: 'import-row', ...mark } },
    }));
    await writeAll(this.db, this.tableName, puts);
  }

  async eraseReader(subscriberId: string): Promise<void> {
    const marks = await allItems((start) =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :marks)',
          ExpressionAttributeValues: { ':pk': `${KEY_PREFIX.subscriber}${subscriberId}`, ':marks': KEY_PREFIX.import },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      ),
    );
    await deleteKeys(
      this.db,
      this.tableName,
      marks.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
    );
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  }
}
