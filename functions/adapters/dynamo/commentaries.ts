import { type DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Commentary } from '../../core/commentary.ts';
import { TABLE } from './table.ts';

/** Stores commentaries, one item per (language, key); re-importing a file overwrites its item. */
export class DynamoCommentaryRepository {
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
          pk: `COM#${c.language}#${c.key}`,
          sk: 'COM',
          kind: 'commentary',
          [TABLE.editionIndex.partitionKey]: `ED#${c.edition}`,
          [TABLE.editionIndex.sortKey]: `${c.language}#${c.key}`,
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
    const items: Commentary[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.editionIndex.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE.editionIndex.partitionKey },
          ExpressionAttributeValues: { ':pk': `ED#${edition}` },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) items.push(stripKeys(item));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** True when the store holds at least one commentary (used to seed samples in a local run). */
  async any(): Promise<boolean> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':kind': 'commentary' },
          ProjectionExpression: 'pk',
          ExclusiveStartKey: start,
        }),
      );
      if ((out.Items ?? []).length > 0) return true;
      start = out.LastEvaluatedKey;
    } while (start);
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
