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

  /** Creates or replaces a commentary; tells which happened, `unchanged` when the stored one was the same. */
  async put(c: Commentary): Promise<'created' | 'updated' | 'unchanged'> {
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
    if (!out.Attributes) return 'created';
    return sameCommentary(stripKeys(out.Attributes), c) ? 'unchanged' : 'updated';
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
    return items.map(stripKeys);
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

function stripKeys(item: Record<string, unknown>): Commentary {
  const { pk: _pk, sk: _sk, kind: _kind, edPk: _a, edSk: _b, ...commentary } = item;
  return commentary as unknown as Commentary;
}

function sameCommentary(a: Commentary, b: Commentary): boolean {
  const canonical = (c: Commentary) => JSON.stringify(Object.entries(c).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
}
