import { beforeEach, describe, expect, it } from 'vitest';
import { BATCHES_PER_PAGE, dispatch, requeueEdition } from '../../../functions/app/dispatch.ts';
import type { SendQueue } from '../../../functions/app/ports/send-queue.ts';
import { importFixtures } from '../../support/memory/fixtures.ts';
import { type MemoryWorld, memoryWorld } from '../../support/memory/world.ts';
import { aSubscription } from '../../support/subscriptions.ts';

const E = '2026-W48';
let w: MemoryWorld;

beforeEach(async () => {
  w = memoryWorld();
  await importFixtures(w, ['en', 'be']);
  for (let i = 0; i < 7; i++) await w.subscribers.save(aSubscription({ language: 'en' }));
  for (let i = 0; i < 2; i++) await w.subscribers.save(aSubscription({ language: 'be' }));
  await w.subscribers.save(aSubscription({ language: 'en', status: 'pending' }));
  await w.subscribers.save(aSubscription({ language: 'ru' }));
});

const queuedIds = () => w.queue.batches.flatMap((b) => b.ids);

describe('dispatch', () => {
  it('renders each language once and queues every confirmed reader once, in batches of the configured size', async () => {
    const result = await dispatch(w.dispatch(3), { edition: E });
    expect(result).toEqual({ status: 'dispatched', edition: E, planned: { en: 7, be: 2 }, skipped: ['ru'] });
    expect(new Set(queuedIds()).size).toBe(9);
    expect(queuedIds()).toHaveLength(9);
    expect(w.queue.batches.every((b) => b.ids.length <= 3 && b.edition === E)).toBe(true);
    expect([...w.renders.items.keys()].sort()).toEqual([`${E}#be`, `${E}#en`]);
    expect(await w.sends.get(E)).toMatchObject({ status: 'dispatched', planned: { en: 7, be: 2 }, skipped: ['ru'] });
  });

  it('starts an edition only once', async () => {
    await dispatch(w.dispatch(), { edition: E });
    const again = await dispatch(w.dispatch(), { edition: E });
    expect(again).toEqual({ status: 'already-started', edition: E });
    expect(queuedIds()).toHaveLength(9);
  });

  it('sends nothing for an edition without commentaries', async () => {
    expect(await dispatch(w.dispatch(), { edition: '2026-W50' })).toEqual({
      status: 'nothing-to-send',
      edition: '2026-W50',
      skipped: ['en', 'be', 'ru'],
    });
    expect(await w.sends.get('2026-W50')).toBeUndefined();
  });

  it('picks the current edition in the configured time zone when none is given', async () => {
    // Monday 2026-11-23 00:30 in Minsk is still Sunday 2026-11-22 in UTC (week 47).
    w.clock.now = Date.UTC(2026, 10, 22, 21, 30);
    expect((await dispatch(w.dispatch())).edition).toBe(E);
  });

  it('resumes a dispatcher that died from its last checkpoint once its lease has run out', async () => {
    let calls = 0;
    // One page of ten batches is one enqueueMany: the English page goes out, the Belarusian one dies.
    const dying: SendQueue = {
      enqueue: (batch) => w.queue.enqueue(batch),
      async enqueueMany(batches) {
        if (++calls > 1) throw new Error('dispatcher died');
        await w.queue.enqueueMany(batches);
      },
    };
    await expect(dispatch({ ...w.dispatch(2), queue: dying }, { edition: E })).rejects.toThrow('dispatcher died');
    expect(await dispatch(w.dispatch(2), { edition: E })).toEqual({ status: 'in-progress', edition: E });
    w.clock.now += 61_000;
    const resumed = await dispatch(w.dispatch(2), { edition: E });
    expect(resumed).toMatchObject({ status: 'dispatched', planned: { en: 7, be: 2 } });
    expect(new Set(queuedIds()).size).toBe(9);
    // Only the page whose checkpoint was not written (ten batches of 2) may be queued twice.
    expect(queuedIds().length - 9).toBeLessThanOrEqual(2 * BATCHES_PER_PAGE);
  });

  it('requeues every confirmed reader of a dispatched edition for a queue that lost its messages', async () => {
    await dispatch(w.dispatch(), { edition: E });
    w.queue.batches.length = 0;
    expect(await requeueEdition(w.dispatch(), E, ['en', 'be'])).toBe(9);
    expect(new Set(queuedIds()).size).toBe(9);
  });
});
