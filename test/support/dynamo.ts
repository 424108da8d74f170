import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '../../functions/adapters/dynamo/table.ts';
import { type StandIn, startDynalite } from '../../local/stand-ins.ts';

/** A table of the application's layout on the DynamoDB stand-in, with a document client like the functions' one. */
export interface TestTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts dynalite for the test file (or uses AWS_ENDPOINT_URL_DYNAMODB when set); `fresh()` creates a new table,
 * so every test starts from an empty store.
 */
export function useDynamo(): { fresh(): Promise<TestTable> } {
  let standIn: StandIn | undefined;
  let endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    if (!endpoint) {
      standIn = await startDynalite();
      endpoint = standIn.endpoint;
    }
    client = new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials });
  });
  afterAll(async () => {
    client?.destroy();
    await standIn?.close();
  });
  return {
    async fresh() {
      const tableName = `t-${randomUUID()}`;
      await ensureTable(client as DynamoDBClient, tableName);
      const db = DynamoDBDocumentClient.from(client as DynamoDBClient, {
        marshallOptions: { removeUndefinedValues: true },
      });
      return { db, tableName };
    },
  };
}
