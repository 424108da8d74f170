import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ItemKey, keys } from '../functions/adapters/dynamo/keys.ts';
import { TABLE } from '../functions/adapters/dynamo/table.ts';
import { BATCHES_PER_PAGE } from '../functions/app/dispatch.ts';
import type { Language } from '../functions/core/language.ts';

/** What the dispatch floor needs: the same clients, table, queue, shards and batch size as dispatch. */
export interface DispatchFloorInput {
  readonly db: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly table: string;
  readonly languages: readonly Language[];
  readonly shards: number;
  readonly batchSize: number;
  readonly run: string;
}

/** One bare Query of the sparse sending index: up to `limit` reader ids of a language's shard after `start`. */
export async function sendingPage(
  db: DynamoDBDocumentClient,
  table: string,
  language: Language,
  shard: number,
  limit: number,
  start: Record<string, unknown> | undefined,
): Promise<{ ids: string[]; LastEvaluatedKey?: Record<string, unknown> }> {
  const page = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: TABLE.sendingIndex.name,
      KeyConditionExpression: 'sendPk = :pk',
      ExpressionAttributeValues: { ':pk': keys.sendingPartition(language, shard) },
      ProjectionExpression: 'sendSk',
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { ids: (page.Items ?? []).map((item) => item.sendSk as string), LastEvaluatedKey: page.LastEvaluatedKey };
}

/** One bare, unconditional checkpoint write on a floor's send record. */
export async function bareCheckpoint(db: DynamoDBDocumentClient, table: string, key: ItemKey, value: string) {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET checkpoint_ = :c',
      ExpressionAttributeValues: { ':c': value },
    }),
  );
}

/**
 * Dispatch's floor: the calls a resumable dispatch cannot do without, made bare: one send record put; per page of
 * the sparse index (ten batches) one Query, one SendMessageBatch of ten messages and one checkpoint UpdateItem.
 * No rendering, lease conditions, validation or logging. Returns the readers queued.
 */
export async function floorDispatch(input: DispatchFloorInput): Promise<number> {
  const { db, table, run } = input;
  const sendKey = keys.send(run);
  await db.send(new PutCommand({ TableName: table, Item: { ...sendKey, owner: 'floor' } }));
  let queued = 0;
  for (const language of input.languages) {
    for (let shard = 0; shard < input.shards; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await sendingPage(db, table, language, shard, input.batchSize * BATCHES_PER_PAGE, start);
        const ids = page.ids;
        const entries = [];
        for (let i = 0; i < ids.length; i += input.batchSize)
          entries.push({
            Id: String(entries.length),
            MessageBody: JSON.stringify({ edition: run, language, ids: ids.slice(i, i + input.batchSize) }),
          });
        if (entries.length > 0)
          await input.sqs.send(new SendMessageBatchCommand({ QueueUrl: input.queueUrl, Entries: entries }));
        queued += ids.length;
        start = page.LastEvaluatedKey;
        await bareCheckpoint(db, table, sendKey, `${language}#${shard}:${ids.at(-1) ?? 'done'}`);
      } while (start);
    }
  }
  return queued;
}
