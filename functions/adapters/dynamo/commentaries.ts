import { type DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CommentarySource } from '../../app/digest.ts';
import type { CommentaryStore } from '../../app/import-commentaries.ts';
import type { Commentary } from '../../core/commentary.ts';
import { keys } from './keys.ts';
import { allItems, pagesOf } from './pager.ts';
import { TABLE } from './table.ts';

/** Stores commentaries, one item per (language, key); re-importing a file overwrites its item. */
export class DynamoCommentaryRepository implements CommentaryStore, CommentarySource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates or replaces a commentary; tells which of the two happened. */
  async put(c: Commentary): Promise<'created' | 'updated'> {
    const out = await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.commentary(c.language, c.key),
          kind: 'commentary',
          [TABLE.editionIndex.partitionKey]: keys.commentaryEdition(c.edition),
          [TABLE.editionIndex.sortKey]: keys.commentaryEditionSort(c.language, c.key),
          ...c,
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes ? 'updated' : 'created';
  }

  /** Every commentary of an edition, in all languages. */
  async listByEdition(edition: string): Promise<Commentary[]> {
    const items = await allItems((start) =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.editionIndex.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE.editionIndex.partitionKey },
          ExpressionAttributeValues: { ':pk': keys.commentaryEdition(edition) },
          ExclusiveStartKey: start,
        }),
      ),
    );
    return items.map(
      ({ pk: _pk, sk: _sk, kind: _kind, edPk: _a, edSk: _b, ...commentary }) => commentary as Commentary,
    );
  }

  /** True when the store holds at least one commentary (used to seed samples in a local run). */
  async any(): Promise<boolean> {
    const pages = pagesOf((start) =>
      this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':kind': 'commentary' },
          ProjectionExpression: 'pk',
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) if (page.length > 0) return true;
    return false;
  }
}
