import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';
import { type LostAnswerProxy, startLostAnswerProxy } from './lost-answer-proxy.ts';

/** A table of the application's layout on the DynamoDB stand-in, with a document client like the functions' one. */
export interface TestTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** A table reached through the lost-answer proxy, and how many answers it lost so far. */
export interface LosingTable extends TestTable {
  lostAnswers(): number;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts dynalite for the test file (or uses AWS_ENDPOINT_URL_DYNAMODB when set); `fresh()` creates a new table,
 * so every test starts from an empty store; `losingAnswers()` one reached through a proxy that loses the answer to
 * the first attempt of each conditional write (of every write with 'all'), as a dropped connection does.
 */
export function useDynamo(): {
  fresh(): Promise<TestTable>;
  losingAnswers(writes?: 'conditional' | 'all'): Promise<LosingTable>;
} {
  let standIn: StandIn | undefined;
  let endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const proxies = new Map<string, LostAnswerProxy>();
  const clients: DynamoDBClient[] = [];
  const clientAt = (url: string) => {
    const client = new DynamoDBClient({ endpoint: url, region: 'eu-central-1', credentials });
    clients.push(client);
    return client;
  };
  const tableOn = async (client: DynamoDBClient): Promise<TestTable> => {
    const tableName = `t-${randomUUID()}`;
    await ensureTable(client, tableName);
    const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    return { db, tableName };
  };
  let direct: DynamoDBClient | undefined;
  beforeAll(async () => {
    if (!endpoint) {
      standIn = await startDynalite();
      endpoint = standIn.endpoint;
    }
    direct = clientAt(endpoint);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all([...proxies.values()].map((p) => p.close()));
    await standIn?.close();
  });
  return {
    fresh: () => tableOn(direct as DynamoDBClient),
    async losingAnswers(writes = 'conditional') {
      let proxy = proxies.get(writes);
      if (!proxy) {
        proxy = await startLostAnswerProxy(endpoint as string, { writes });
        proxies.set(writes, proxy);
      }
      const lost = proxy.dropped;
      const table = await tableOn(clientAt(proxy.endpoint));
      return { ...table, lostAnswers: () => Object.values(lost).reduce((a, b) => a + b, 0) };
    },
  };
}
