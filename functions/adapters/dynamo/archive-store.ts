import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ArchiveStore } from '../../app/ports/archive-store.ts';
import type { ArchiveEntry, ArchiveSummary } from '../../core/archive.ts';
import type { Language } from '../../core/language.ts';
import { isConditionFailure } from './client.ts';
import { keys } from './keys.ts';

const NEW_ENTRY = 'attribute_not_exists(pk)';
const SUMMARY_FIELDS = ['#language', 'edition', 'title', 'summary', 'publishedAt'];

/** The public archive: one item per (language, edition) in the language's partition, sorted by edition. */
export class DynamoArchiveStore implements ArchiveStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores the entry unless one is stored already. */
  async publish(entry: ArchiveEntry): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.archive(entry.language, entry.edition), ...entry },
          ConditionExpression: NEW_ENTRY,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.archiveLatest(entry.language),
          UpdateExpression: 'SET edition = :edition',
          // Only forward: a late publish of an older edition leaves the pointer on the newer one.
          ConditionExpression: 'attribute_not_exists(edition) OR edition < :edition',
          ExpressionAttributeValues: { ':edition': entry.edition },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
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
    const { pk: _pk, sk: _sk, ...entry } = out.Item;
    return entry as ArchiveEntry;
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
