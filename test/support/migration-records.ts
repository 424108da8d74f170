import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { DynamoSuppressions } from '../../functions/adapters/dynamo/suppressions.ts';
import type { TestTable } from './dynamo.ts';
import type { MemoryMigrationRecords } from './memory/migration-records.ts';

/** A migration's port under its contract suite, with the readers' own writes the suite stores records by. */
export interface MigrationUnderTest<R, Stored> {
  readonly records: R;
  /** Stores each record (over what was stored) as the reader's own write would. */
  write(stored: readonly Stored[]): Promise<void>;
}

/**
 * The DynamoDB side: each record as a whole subscriber item (with attributes the port does not answer), and beside
 * it, in the reader's partition, another port's item (a suppression), which a migration's page must not answer.
 */
export function onDynamo<R, Stored extends { readonly id: string }>(
  table: TestTable,
  records: R,
): MigrationUnderTest<R, Stored> {
  const suppressions = new DynamoSuppressions(table.db, table.tableName);
  return {
    records,
    async write(stored) {
      for (const record of stored) {
        const Item = { ...keys.subscriber(record.id), kind: 'subscriber', status: 'confirmed', ...record };
        await table.db.send(new PutCommand({ TableName: table.tableName, Item }));
        await suppressions.suppress(record.id, { reason: 'bounced', at: 1, importId: 'sha-1' });
      }
    },
  };
}

/** The in-memory side. */
export function inMemory<
  Stored extends { readonly id: string; readonly version: number },
  R extends MemoryMigrationRecords<Stored>,
>(records: R): MigrationUnderTest<R, Stored> {
  return {
    records,
    async write(stored) {
      for (const record of stored) records.put(record);
    },
  };
}

/** Every record of every page from `cursor` to the end, and the largest page seen. */
export async function pageToEnd<Stored>(
  records: { page(cursor: string | undefined, limit: number): Promise<{ records: Stored[]; cursor?: string }> },
  limit: number,
  cursor?: string,
): Promise<{ all: Stored[]; largest: number }> {
  const all: Stored[] = [];
  let largest = 0;
  let next = cursor;
  do {
    const page = await records.page(next, limit);
    all.push(...page.records);
    largest = Math.max(largest, page.records.length);
    next = page.cursor;
  } while (next !== undefined);
  return { all, largest };
}
