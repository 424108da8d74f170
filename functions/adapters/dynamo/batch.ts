import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.ts';

/** BatchWriteItem's largest request. */
const BATCH = 25;

/** Deletes the items at `keys` (absent ones are no error), 25 a call, sending back what DynamoDB left unprocessed. */
export async function deleteKeys(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH) {
    let requests: unknown[] | undefined = keys.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
    while (requests && requests.length > 0) {
      const out: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests as never } }),
      );
      requests = out.UnprocessedItems?.[tableName];
    }
  }
}
