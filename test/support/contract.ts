import { expect } from 'vitest';
import type { TestTable, useDynamo } from './dynamo.ts';

/** One implementation of a port under a contract suite, and how many write answers were lost on its way. */
export interface UnderTest<S> {
  readonly store: S;
  /** The answers lost so far (a DynamoDB adapter behind the lost-answer proxy); undefined where none can be. */
  readonly lostAnswers?: () => number;
}

/** A contract suite: `describeX(name, make)`. */
export type ContractSuite<S> = (name: string, make: () => Promise<UnderTest<S>>) => void;

/**
 * Runs a port's contract suite on its DynamoDB adapter on dynalite, on the same adapter behind a proxy that loses the
 * answer to the first attempt of each conditional write (of every write with `writes: 'all'`), and in memory.
 */
export function onEveryStore<S>(
  suite: ContractSuite<S>,
  dynamo: ReturnType<typeof useDynamo>,
  adapters: { readonly dynamo: (table: TestTable) => S; readonly memory: () => S },
  writes: 'conditional' | 'all' = 'conditional',
): void {
  suite('DynamoDB adapter on dynalite', async () => ({ store: adapters.dynamo(await dynamo.fresh()) }));
  suite(`DynamoDB adapter on dynalite, losing the first answer of ${writes} writes`, async () => {
    const table = await dynamo.losingAnswers(writes);
    return { store: adapters.dynamo(table), lostAnswers: table.lostAnswers };
  });
  suite('in memory', async () => ({ store: adapters.memory() }));
}

/**
 * The shared "lost answer" case: runs `write` (a conditional create, or a write the port must apply once) and, where
 * answers can be lost, checks that one was: the write was applied, its answer dropped, and the SDK's retry met the
 * write itself. The suite then checks the caller was told what a lost-free write tells.
 */
export async function withLostAnswer<S, T>(under: UnderTest<S>, write: (store: S) => Promise<T>): Promise<T> {
  const before = under.lostAnswers?.() ?? 0;
  const result = await write(under.store);
  if (under.lostAnswers) expect(under.lostAnswers() - before, 'answers lost by the proxy').toBeGreaterThan(0);
  return result;
}
