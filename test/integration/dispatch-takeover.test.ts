import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, dispatchTakingOver } from '../../functions/app/dispatch.ts';
import type { DeliveryBatch } from '../../functions/core/queue-messages.ts';
import { createSendContext, dispatchDeps, type SendContext } from '../../functions/wiring/send.ts';
import { useLocalStack } from '../support/local.ts';
import { importFixtureCommentaries, readers, seedReaders } from '../support/seed.ts';

const stack = useLocalStack();
const EDITION = '2026-W48';
const READERS = readers('takeover', 6, 'confirmed');
let ctx: SendContext;

beforeAll(async () => {
  ctx = await createSendContext(stack.current.env);
  await importFixtureCommentaries(ctx);
  await seedReaders(ctx, READERS);
});

describe('dispatch of the scheduled entry (dispatchTakingOver)', () => {
  it('waits out the lease of a dispatcher that died and takes its edition over; gives up when time is short', async () => {
    // A first dispatcher dies after queueing one batch, holding the edition's lease.
    const die = async () => {
      throw new Error('dispatcher died');
    };
    const dying = dispatchDeps(ctx, { enqueue: die, enqueueMany: die });
    await expect(dispatch(dying, { edition: EDITION })).rejects.toThrow('dispatcher died');

    const queued: DeliveryBatch[] = [];
    let offset = 0;
    const waits: number[] = [];
    const deps = {
      ...dispatchDeps(ctx, {
        enqueue: async (b: DeliveryBatch) => void queued.push(b),
        enqueueMany: async (bs: readonly DeliveryBatch[]) => void queued.push(...bs),
      }),
      now: () => Date.now() + offset,
    };
    const sleep = async (ms: number) => {
      waits.push(ms);
      offset += ms;
    };

    // Too little time left to wait for the lease: it fails so that the scheduler's retry follows.
    await expect(dispatchTakingOver(deps, { edition: EDITION }, { remainingMs: () => 90_000, sleep })).rejects.toThrow(
      `dispatch of ${EDITION} is held by another; retrying later`,
    );
    expect(waits).toEqual([]);

    const result = await dispatchTakingOver(deps, { edition: EDITION }, { remainingMs: () => 15 * 60_000, sleep });
    expect(result).toMatchObject({ status: 'dispatched', edition: EDITION });
    // One wait: until the 60-second lease has run out, and a second more.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(55_000);
    expect(waits[0]).toBeLessThanOrEqual(61_000);
    expect(new Set(queued.flatMap((b) => b.ids)).size).toBe(READERS.length);
  });
});
