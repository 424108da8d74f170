import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The single table's layout; the CDK stack and the local runner both build the table from these names. */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /**
   * Sparse index of confirmed subscribers: only they carry `sendPk` = `<language>#<shard>`. Keys only: dispatch and
   * the reader counts read the ids (`sendSk`), and no address or other attribute is copied into the index.
   */
  sendingIndex: { name: 'sending', partitionKey: 'sendPk', sortKey: 'sendSk', projection: 'KEYS_ONLY' },
  /** Commentaries by edition: `edPk` = `ED#<edition>`, `edSk` = `<language>#<key>`; whole items (the digest's text). */
  editionIndex: { name: 'byEdition', partitionKey: 'edPk', sortKey: 'edSk', projection: 'ALL' },
} as const;

/** The CreateTable request for a table of this layout (local runs and tests; AWS gets it from CDK). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const s = { AttributeType: 'S' as const };
  const gsi = (index: { name: string; partitionKey: string; sortKey: string; projection: 'ALL' | 'KEYS_ONLY' }) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: index.projection },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      TABLE.partitionKey,
      TABLE.sortKey,
      TABLE.sendingIndex.partitionKey,
      TABLE.sendingIndex.sortKey,
      TABLE.editionIndex.partitionKey,
      TABLE.editionIndex.sortKey,
    ].map((AttributeName) => ({ AttributeName, ...s })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [gsi(TABLE.sendingIndex), gsi(TABLE.editionIndex)],
  };
}

/** Creates the table unless it exists, and waits until it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
  }
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
