import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ArchiveStore } from '../../app/ports/archive-store.ts';
import type { ArchiveEntry, ArchiveSummary } from '../../core/archive.ts';
import type { Language } from '../../core/language.ts';
import { putIf, updateIf, withoutKeys } from './conditional-write.ts';
import { keys } from './keys.ts';

/** Only forward: a late publish of an older edition leaves the pointer on the newer one. */
const NEWER = { expression: 'attribute_not_exists(edition) OR edition < :edition' };
const SUMMARY_FIELDS = ['#language', 'edition', 'title', 'summary', 'publishedAt'];

/** The public archive: one item per (language, edition) in the language's partition, sorted by edition. */
export class DynamoArchiveStore implements ArchiveStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores the entry unless one is stored already. */
  async publish(entry: ArchiveEntry): Promise<void> {
    await putIf(this.db, this.tableName, { ...keys.archive(entry.language, entry.edition), ...entry });
    const latest = { set: ['edition = :edition'], values: { ':edition': entry.edition } };
    await updateIf(this.db, this.tableName, keys.archiveLatest(entry.language), latest, NEWER);
  }

  /** The newest edition published in the language. */
  async latest(language: Language): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.archiveLatest(language) }));
    return out.Item?.edition as string | undefined;
  }

  /** One edition's entry, page included. */
  async get(language: Language, edition: string): Promise<ArchiveEntry | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.archive(language, edition) }));
    if (!out.Item) return undefined;
    return withoutKeys(out.Item) as ArchiveEntry;
  }

  /** The newest entries of a language, without their pages. */
  async list(language: Language, limit: number): Promise<ArchiveSummary[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.archive(language, '').pk },
        ExpressionAttributeNames: { '#language': 'language' },
        ProjectionExpression: SUMMARY_FIELDS.join(', '),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []) as ArchiveSummary[];
  }
}
