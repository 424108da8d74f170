import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SummaryStore } from '../../app/ports/summary-store.ts';
import type { EditionSummary } from '../../core/edition-summary.ts';
import { putIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** A completed edition's summary, one item next to its send record: `SEND#<edition>` / `SUMMARY`. */
export class DynamoSummaryStore implements SummaryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The stored summary (a consistent read), or undefined. */
  async get(edition: string): Promise<EditionSummary | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.summary(edition), ConsistentRead: true }),
    );
    return out.Item ? (out.Item.languages as EditionSummary) : undefined;
  }

  /** A conditional put: the first completion writes it; a repeat (or an SDK retry after a lost answer) is a no-op. */
  async put(edition: string, summary: EditionSummary): Promise<void> {
    await putIf(this.db, this.tableName, {
      ...keys.summary(edition),
      kind: 'edition-summary',
      edition,
      languages: summary,
    });
  }
}
