import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSendRecordStore } from '../../functions/adapters/dynamo/send-record-store.ts';
import type { SendRecordStore } from '../../functions/app/ports/send-record-store.ts';
import type { SendRecord } from '../../functions/core/send.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemorySendRecordStore } from '../support/memory/send-record-store.ts';

const T = 1_764_000_000_000;

function aRecord(owner: string, over: Partial<SendRecord> = {}): SendRecord {
  return {
    edition: '2026-W48',
    status: 'dispatching',
    owner,
    leaseUntil: T + 60_000,
    startedAt: T,
    languages: { en: {}, be: { source: 'ru' } },
    skipped: ['ru'],
    planned: { en: 0, be: 0 },
    checkpoint: {},
    ...over,
  };
}

/** The send record store's contract: one start per edition, lease take-over, owned checkpoints. */
export function describeSendRecordStore(name: string, make: () => Promise<SendRecordStore>): void {
  describe(`send record store: ${name}`, () => {
    let store: SendRecordStore;
    beforeEach(async () => {
      store = await make();
    });

    it('creates an edition record once; a second start while the lease holds gets nothing', async () => {
      expect(await store.get('2026-W48')).toBeUndefined();
      expect(await store.claim(aRecord('a'), T)).toEqual(aRecord('a'));
      expect(await store.claim(aRecord('b'), T + 1000)).toBeUndefined();
      expect(await store.get('2026-W48')).toEqual(aRecord('a'));
    });

    it('lets another dispatcher take over once the lease has run out, keeping the checkpoint', async () => {
      await store.claim(aRecord('a'), T);
      await store.checkpoint('2026-W48', 'a', { position: 'en#0', previous: undefined, value: 'x' }, 'en', 3, T + 9);
      const taken = await store.claim(aRecord('b', { leaseUntil: T + 200_000 }), T + 120_000);
      expect(taken).toMatchObject({
        owner: 'b',
        leaseUntil: T + 200_000,
        checkpoint: { 'en#0': 'x' },
        planned: { en: 3 },
      });
      expect(await store.checkpoint('2026-W48', 'a', { position: 'en#0', previous: 'x', value: 'y' }, 'en', 1, T)).toBe(
        false,
      );
    });

    it('moves a checkpoint only from the position it names, and counts a repeated move once', async () => {
      await store.claim(aRecord('a'), T);
      const first = { position: 'en#1', previous: undefined, value: 'id-50' };
      expect(await store.checkpoint('2026-W48', 'a', first, 'en', 50, T + 70_000)).toBe(true);
      // The same write again (an SDK retry whose first answer was lost) succeeds without counting twice.
      expect(await store.checkpoint('2026-W48', 'a', first, 'en', 50, T + 70_000)).toBe(true);
      const next = { position: 'en#1', previous: 'id-50', value: 'done' };
      expect(await store.checkpoint('2026-W48', 'a', next, 'en', 7, T + 80_000)).toBe(true);
      const stale = { position: 'en#1', previous: 'id-50', value: 'id-99' };
      expect(await store.checkpoint('2026-W48', 'a', stale, 'en', 1, T)).toBe(false);
      expect(await store.get('2026-W48')).toMatchObject({
        planned: { en: 57, be: 0 },
        checkpoint: { 'en#1': 'done' },
        leaseUntil: T + 80_000,
      });
    });

    it('finishes only for its owner; a finished edition is never started again', async () => {
      await store.claim(aRecord('a'), T);
      expect(await store.finish('2026-W48', 'b', T + 5)).toBe(false);
      expect(await store.finish('2026-W48', 'a', T + 5)).toBe(true);
      expect(await store.get('2026-W48')).toMatchObject({ status: 'dispatched', owner: 'a' });
      expect(await store.claim(aRecord('c', { edition: '2026-W48' }), T + 10 * 60_000)).toBeUndefined();
    });
  });
}

const dynamo = useDynamo();
describeSendRecordStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoSendRecordStore(db, tableName);
});
describeSendRecordStore('in memory', async () => new MemorySendRecordStore());
