import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CommentarySource } from '../../app/ports/commentary-source.ts';
import type { CommentaryStore } from '../../app/ports/commentary-store.ts';
import type { Commentary } from '../../core/commentary.ts';
import type { Editorial } from '../../core/editorial.ts';
import type { Language } from '../../core/language.ts';
import { putIf, WRITE_ID } from './conditional-write.ts';
import { readEditorial } from './editorial-store.ts';
import { keys } from './keys.ts';
import { allItems, pagesOf } from './pager.ts';
import { TABLE } from './table.ts';

/** Stores commentaries, one item per (language, key); re-importing a file overwrites its item. */
export class DynamoCommentaryStore implements CommentaryStore, CommentarySource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates or replaces a commentary; tells which happened, `unchanged` when the stored one was the same (then
   * nothing is written). The create is conditional and carries its own attempt id, so a create whose answer was lost
   * (the SDK's retry then fails its condition) is recognised on a consistent re-read and still says created.
   */
  async put(c: Commentary): Promise<'created' | 'updated' | 'unchanged'> {
    const Item = {
      ...keys.commentary(c.language, c.key),
      kind: 'commentary',
      [TABLE.editionIndex.partitionKey]: keys.commentaryEdition(c.edition),
      [TABLE.editionIndex.sortKey]: keys.commentaryEditionSort(c.language, c.key),
      ...c,
    };
    const created = await putIf(this.db, this.tableName, Item);
    if (created.written) return 'created';
    if (created.current && sameCommentary(stripKeys(created.current), c)) return 'unchanged';
    await this.db.send(new PutCommand({ TableName: this.tableName, Item }));
    return 'updated';
  }

  /** Removes one commentary; nothing when it is absent. */
  async delete(language: Language, key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.commentary(language, key) }));
  }

  /** The edition's order, notes and removed items (strongly consistent). */
  editorial(edition: string): Promise<Editorial> {
    return readEditorial(this.db, this.tableName, edition);
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
  const { pk: _pk, sk: _sk, kind: _kind, edPk: _a, edSk: _b, [WRITE_ID]: _w, ...commentary } = item;
  return commentary as unknown as Commentary;
}

function sameCommentary(a: Commentary, b: Commentary): boolean {
  const canonical = (c: Commentary) => JSON.stringify(Object.entries(c).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
}
