import { type DynamoDBDocumentClient, type NativeAttributeValue, QueryCommand } from '@aws-sdk/lib-dynamodb';

/** An item as the document client returns it. */
export type Item = Record<string, NativeAttributeValue>;

/** One page of a Query or Scan. */
export interface Page {
  readonly Items?: Item[];
  readonly LastEvaluatedKey?: Item;
}

/** Yields the items of each page of a Query or Scan, following LastEvaluatedKey until the last page. */
export async function* pagesOf(fetchPage: (start: Item | undefined) => Promise<Page>): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await fetchPage(start);
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item of a Query or Scan, all pages read. */
export async function allItems(fetchPage: (start: Item | undefined) => Promise<Page>): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pagesOf(fetchPage)) items.push(...page);
  return items;
}

/** Every item of the partition `pk`, strongly consistent, all pages read. */
export function partitionItems(db: DynamoDBDocumentClient, tableName: string, pk: string): Promise<Item[]> {
  return allItems((start) =>
    db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    ),
  );
}
