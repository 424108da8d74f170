import { describe, expect, it } from 'vitest';
import type { MigrationRecords } from '../../../functions/app/ports/migration-records.ts';
import { runMigration } from '../../../functions/app/run-migration.ts';

/** Records 0..n-1 in memory, paged by index; the checkpoint is the next index. */
function records(n: number, checkpoint?: string) {
  const saved: (string | undefined)[] = [];
  const store: MigrationRecords<number> & { saved: typeof saved } = {
    saved,
    async page(cursor, limit) {
      const from = Number(cursor ?? 0);
      const page = Array.from({ length: Math.min(limit, n - from) }, (_, i) => from + i);
      return from + limit < n ? { records: page, cursor: String(from + limit) } : { records: page };
    },
    checkpoint: async () => checkpoint,
    async saveCheckpoint(cursor) {
      saved.push(cursor);
    },
  };
  return store;
}

describe('runMigration', () => {
  it('asks about every record, counts writes and records that changed under it, and checkpoints each page', async () => {
    const store = records(7);
    // Odd records need nothing; 2 changed under the run; the other even ones are written.
    const run = await runMigration(store, 3, (r) => (r % 2 ? undefined : Promise.resolve(r !== 2)));
    expect(run).toEqual({ scanned: 7, written: 3, changed: 1, resumed: false });
    expect(store.saved).toEqual(['3', '6', undefined]);
  });

  it('resumes from a stopped run’s checkpoint and clears it at the end', async () => {
    const store = records(7, '6');
    const seen: number[] = [];
    const run = await runMigration(store, 3, (r) => {
      seen.push(r);
      return undefined;
    });
    expect(run).toEqual({ scanned: 1, written: 0, changed: 0, resumed: true });
    expect(seen).toEqual([6]);
    expect(store.saved).toEqual([undefined]);
  });

  it('stops at a failed write, keeping the checkpoint of the last whole page', async () => {
    const store = records(7);
    const failing = (r: number) => (r === 4 ? Promise.reject(new Error('killed')) : Promise.resolve(true));
    await expect(runMigration(store, 3, failing)).rejects.toThrow('killed');
    expect(store.saved).toEqual(['3']);
  });
});
