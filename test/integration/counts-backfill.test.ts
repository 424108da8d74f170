import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoCountsBackfill } from '../../functions/adapters/dynamo/counts-backfill.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { COUNT_SHARDS, DynamoReaderCounts } from '../../functions/adapters/dynamo/reader-counts.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import { withOptimisticRetry } from '../../functions/app/optimistic-retry.ts';
import { InvalidInputError } from '../../functions/core/errors.ts';
import type { Subscription } from '../../functions/core/subscription.ts';
import { type TestTable, useDynamo } from '../support/dynamo.ts';
import { aSubscription } from '../support/subscriptions.ts';

const T = 1_764_000_000_000;
const dynamo = useDynamo();

/** `n` subscriptions stored as before the counters existed: no `counted` mark, no counter items. */
async function legacyTable(table: TestTable, n: number, status: 'pending' | 'confirmed'): Promise<Subscription[]> {
  const store = new DynamoSubscriberStore(table.db, table.tableName, 4);
  const subs: Subscription[] = [];
  for (let i = 0; i < n; i++) subs.push(await store.save(aSubscription({ status, expiresAt: T }, T)));
  for (const sub of subs)
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.subscriber(sub.id),
        UpdateExpression: 'REMOVE counted',
      }),
    );
  for (let s = 0; s < COUNT_SHARDS; s++)
    await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: keys.readerCount(s) }));
  return subs;
}

async function backfillAll(backfill: DynamoCountsBackfill): Promise<{ counted: number; already: number }> {
  let total = { counted: 0, already: 0 };
  let after: string | undefined;
  do {
    const step = await backfill.backfillCounts(after);
    total = { counted: total.counted + step.counted, already: total.already + step.already };
    after = step.next;
  } while (after);
  return total;
}

const nonZero = (cells: Record<string, number>) => Object.fromEntries(Object.entries(cells).filter(([, n]) => n));

describe("the counters' backfill of a table stored before them", () => {
  it('counts every reader once, in steps, and a second run counts nothing', async () => {
    const table = await dynamo.fresh();
    await legacyTable(table, 25, 'confirmed');
    const counts = new DynamoReaderCounts(table.db, table.tableName);
    expect(nonZero(await counts.cells())).toEqual({});
    const backfill = new DynamoCountsBackfill(table.db, table.tableName, 7);
    expect(await backfillAll(backfill)).toEqual({ counted: 25, already: 0 });
    expect(nonZero(await counts.cells())).toEqual({ 'en#confirmed': 25 });
    expect(await backfillAll(backfill)).toEqual({ counted: 0, already: 25 });
    expect(nonZero(await counts.cells())).toEqual({ 'en#confirmed': 25 });
  });

  it('counts each reader once while they confirm at the same time, whoever writes first', async () => {
    const table = await dynamo.fresh();
    const subs = await legacyTable(table, 30, 'pending');
    const store = new DynamoSubscriberStore(table.db, table.tableName, 4);
    const confirmOne = (id: string) =>
      withOptimisticRetry(async () => {
        const current = (await store.get(id)) as Subscription;
        return store.save({ ...current, status: 'confirmed', confirmedAt: T, expiresAt: undefined });
      });
    const backfill = new DynamoCountsBackfill(table.db, table.tableName, 4);
    await Promise.all([backfillAll(backfill), ...subs.map((s) => confirmOne(s.id))]);
    // Readers the backfill saw before their confirmation are counted and moved; the others counted as confirmed.
    await backfillAll(backfill);
    const counts = new DynamoReaderCounts(table.db, table.tableName);
    expect(nonZero(await counts.cells())).toEqual({ 'en#confirmed': 30 });
  });

  it('every answer lost once: still each reader once', async () => {
    const table = await dynamo.losingAnswers('all');
    await legacyTable(table, 6, 'confirmed');
    expect(await backfillAll(new DynamoCountsBackfill(table.db, table.tableName, 4))).toEqual({
      counted: 6,
      already: 0,
    });
    expect(nonZero(await new DynamoReaderCounts(table.db, table.tableName).cells())).toEqual({ 'en#confirmed': 6 });
  });

  it('refuses a cursor it did not answer', async () => {
    const table = await dynamo.fresh();
    const backfill = new DynamoCountsBackfill(table.db, table.tableName);
    await expect(backfill.backfillCounts('bm90LWEtY3Vyc29y')).rejects.toBeInstanceOf(InvalidInputError);
  });
});
