import { describe, expect, it } from 'vitest';
import { DynamoRepermissionQueue } from '../../functions/adapters/dynamo/repermission-queue.ts';
import type { RepermissionEntry, RepermissionQueue } from '../../functions/app/ports/repermission-queue.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryRepermissionQueue } from '../support/memory/repermission-queue.ts';

const T = 1_764_000_000_000;
const DAY = 86_400_000;
const entry = (subscriberId: string, dueAt: number, step: RepermissionEntry['step'] = 'mail'): RepermissionEntry => ({
  subscriberId,
  importId: 'sha-1',
  step,
  dueAt,
});

/**
 * The re-permission queue's contract: the steps due at a time come oldest first, at most the limit asked; a step
 * scheduled twice is one step; each is taken once (the second take, another run's, is refused) and is then no
 * longer due.
 */
export const describeRepermissionQueue: ContractSuite<RepermissionQueue> = (name, make) => {
  describe(`re-permission queue: ${name}`, () => {
    it('answers the steps due at a time, oldest first, at most the limit, each once however often scheduled', async () => {
      const { store } = await make();
      await store.schedule(entry('sub-b', T + 7 * DAY, 'remind'));
      await store.schedule(entry('sub-a', T));
      await store.schedule(entry('sub-c', T + 30 * DAY, 'erase'));
      await store.schedule(entry('sub-d', T + DAY));
      await store.schedule(entry('sub-a', T));
      expect(await store.due(T - 1, 10)).toEqual([]);
      expect(await store.due(T + 7 * DAY, 10)).toEqual([
        entry('sub-a', T),
        entry('sub-d', T + DAY),
        entry('sub-b', T + 7 * DAY, 'remind'),
      ]);
      expect(await store.due(T + 30 * DAY, 2)).toEqual([entry('sub-a', T), entry('sub-d', T + DAY)]);
    });

    it('lets a step be taken once; a taken step is no longer due', async () => {
      const { store } = await make();
      await store.schedule(entry('sub-a', T));
      await store.schedule(entry('sub-a', T + 7 * DAY, 'remind'));
      expect(await store.take(entry('sub-a', T))).toBe(true);
      expect(await store.take(entry('sub-a', T))).toBe(false);
      expect(await store.due(T + 7 * DAY, 10)).toEqual([entry('sub-a', T + 7 * DAY, 'remind')]);
    });

    it('schedules once when the answer to the schedule was lost', async () => {
      const under = await make();
      await withLostAnswer(under, (queue) => queue.schedule(entry('sub-a', T)));
      expect(await under.store.due(T, 10)).toEqual([entry('sub-a', T)]);
    });

    it('tells the run that took a step it took it when the answer to the take was lost', async () => {
      const under = await make();
      await under.store.schedule(entry('sub-a', T));
      expect(await withLostAnswer(under, (queue) => queue.take(entry('sub-a', T)))).toBe(true);
      expect(await under.store.due(T, 10)).toEqual([]);
    });
  });
};

onEveryStore(describeRepermissionQueue, useDynamo(), {
  dynamo: ({ db, tableName }) => new DynamoRepermissionQueue(db, tableName),
  memory: () => new MemoryRepermissionQueue(),
});
