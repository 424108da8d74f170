import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { DynamoSuppressions } from '../../functions/adapters/dynamo/suppressions.ts';
import type { MigrationRecords } from '../../functions/app/ports/migration-records.ts';
import type { UnderTest } from './contract.ts';
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

const byId = <Stored extends { readonly id: string }>(records: readonly Stored[]) =>
  [...records].sort((a, b) => a.id.localeCompare(b.id));

/**
 * The part of a migration port's contract that `MigrationRecords` makes (for its suite to call inside its describe):
 * paged to the end (at most the limit a page), every subscriber record comes once, as the port answers it, and nothing
 * else in the store comes; a run stopped after a page resumes from the checkpoint it saved and sees the rest once; a
 * cleared checkpoint is gone.
 */
export function itPagesAndResumes<Stored extends { readonly id: string }>(
  make: () => Promise<UnderTest<MigrationUnderTest<MigrationRecords<Stored>, Stored>>>,
  reader: (i: number) => Stored,
): void {
  it('pages through every subscriber record once, as the port answers it', async () => {
    const { store } = await make();
    expect(await store.records.page(undefined, 3)).toEqual({ records: [] });
    const readers = Array.from({ length: 7 }, (_, i) => reader(i));
    await store.write(readers);
    const { all, largest } = await pageToEnd(store.records, 3);
    expect(byId(all)).toEqual(readers);
    expect(largest).toBeLessThanOrEqual(3);
  });

  it('resumes from the saved checkpoint: the rest once; a cleared checkpoint is gone', async () => {
    const { store } = await make();
    const readers = Array.from({ length: 5 }, (_, i) => reader(i));
    await store.write(readers);
    expect(await store.records.checkpoint()).toBeUndefined();
    let first = await store.records.page(undefined, 2);
    while (first.records.length === 0 && first.cursor) first = await store.records.page(first.cursor, 2);
    await store.records.saveCheckpoint(first.cursor);
    const resumedFrom = await store.records.checkpoint();
    expect(resumedFrom).toBe(first.cursor);
    const rest = await pageToEnd(store.records, 2, resumedFrom);
    expect(byId([...first.records, ...rest.all])).toEqual(readers);
    await store.records.saveCheckpoint(undefined);
    expect(await store.records.checkpoint()).toBeUndefined();
    expect(byId((await pageToEnd(store.records, 10)).all)).toEqual(readers);
  });
}
