import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.ts';
import type { Item } from './pager.ts';

/** BatchWriteItem's largest request. */
const BATCH = 25;

/** One BatchWriteItem request: put an item or delete a key. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: ItemKey } };

/** Sends `requests`, 25 a call, sending back what DynamoDB left unprocessed until nothing is. */
export async function writeAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH) {
    let chunk: unknown[] | undefined = requests.slice(i, i + BATCH);
    while (chunk && chunk.length > 0) {
      const out: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: chunk as never } }),
      );
      chunk = out.UnprocessedItems?.[tableName];
    }
  }
}

/** Deletes the items at `keys` (absent ones are no error). */
export function deleteKeys(db: DynamoDBDocumentClient, tableName: string, keys: readonly ItemKey[]): Promise<void> {
  return writeAll(
    db,
    tableName,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
  );
}
