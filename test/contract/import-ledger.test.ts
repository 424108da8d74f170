import { describe, expect, it } from 'vitest';
import { DynamoImportLedger } from '../../functions/adapters/dynamo/import-ledger.ts';
import { DynamoImportReads } from '../../functions/adapters/dynamo/import-reads.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import type { ImportLedger, ImportProgress, ImportRowMark } from '../../functions/app/ports/import-ledger.ts';
import { ConcurrentUpdateError } from '../../functions/core/errors.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryImportLedger } from '../support/memory/import-ledger.ts';

/** The ledger, and a reader's mark of an import as the import reads it back (ImportReads.heldFor on DynamoDB). */
interface Under {
  readonly ledger: ImportLedger;
  markOf(importId: string, subscriberId: string): Promise<ImportRowMark | undefined>;
}

const T = 1_764_000_000_000;
const started = (id: string): ImportProgress => ({
  id,
  file: { name: 'readers.csv', sha256: id, size: 1234 },
  format: 'mailchimp',
  options: { consentConfirmed: true },
  by: 'arn:aws:iam::000000000000:user/editor',
  startedAt: T,
  updatedAt: T,
  chunkCount: 3,
  chunksDone: 0,
  lastLine: 0,
  tally: {},
  problems: [],
  problemCount: 0,
  done: false,
  version: 0,
});
const mark = (line: number, outcome: ImportRowMark['outcome'] = 'confirmed'): ImportRowMark =>
  outcome === 'confirmed' ? { line, outcome, language: 'de' } : { line, outcome };
const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => ({ subscriberId: `sub-${from + k}`, mark: mark(from + k + 1) }));

/**
 * The import ledger's contract: an import's progress is stored only over the version it was read at (the first save
 * over version 0), comes back as saved with the version bumped, imports apart; a save whose answer was lost still
 * answers the stored progress. Row marks, many at once and again (the same line and outcome), are read back per
 * import; erasing a reader deletes its marks of every import and no one else's.
 */
export const describeImportLedger: ContractSuite<Under> = (name, make) => {
  describe(`import ledger: ${name}`, () => {
    it('stores progress only over the version read; imports apart', async () => {
      const { store } = await make();
      expect(await store.ledger.progress('sha-a')).toBeUndefined();
      const first = await store.ledger.saveProgress(started('sha-a'));
      expect(first).toEqual({ ...started('sha-a'), version: 1 });
      await expect(store.ledger.saveProgress(started('sha-a'))).rejects.toBeInstanceOf(ConcurrentUpdateError);
      const next = { ...first, chunksDone: 1, lastLine: 40, tally: { confirmed: { de: 39 } }, tail: 'sealed-tail' };
      expect(await store.ledger.saveProgress(next)).toEqual({ ...next, version: 2 });
      await expect(store.ledger.saveProgress({ ...first, done: true })).rejects.toBeInstanceOf(ConcurrentUpdateError);
      expect(await store.ledger.progress('sha-a')).toEqual({ ...next, version: 2 });
      expect(await store.ledger.progress('sha-b')).toBeUndefined();
    });

    it('answers the stored progress when the answer to the save was lost', async () => {
      const under = await make();
      const stored = await withLostAnswer(under, (s) => s.ledger.saveProgress(started('sha-a')));
      expect(stored).toEqual({ ...started('sha-a'), version: 1 });
      expect(await under.store.ledger.progress('sha-a')).toEqual(stored);
    });

    it('keeps marks of many rows, marked again alike, per import', async () => {
      const { store } = await make();
      expect(await store.markOf('sha-a', 'sub-0')).toBeUndefined();
      const marked = async () => Promise.all(rows(0, 30).map((r) => store.markOf('sha-a', r.subscriberId)));
      await store.ledger.markRows('sha-a', rows(0, 30));
      expect(await marked()).toEqual(rows(0, 30).map((r) => r.mark));
      await store.ledger.markRows('sha-a', rows(20, 30));
      await store.ledger.markRows('sha-b', [{ subscriberId: 'sub-0', mark: mark(7, 'suppressed') }]);
      expect(await marked()).toEqual(rows(0, 30).map((r) => r.mark));
      expect(await store.markOf('sha-b', 'sub-0')).toEqual(mark(7, 'suppressed'));
      expect(await store.markOf('sha-b', 'sub-1')).toBeUndefined();
    });

    it("erases a reader's marks of every import and no one else's", async () => {
      const { store } = await make();
      await store.ledger.saveProgress(started('sha-a'));
      await store.ledger.markRows('sha-a', rows(0, 2));
      await store.ledger.markRows('sha-b', rows(0, 2));
      await store.ledger.eraseReader('sub-0');
      await store.ledger.eraseReader('sub-9');
      expect(await store.markOf('sha-a', 'sub-0')).toBeUndefined();
      expect(await store.markOf('sha-b', 'sub-0')).toBeUndefined();
      expect(await store.markOf('sha-a', 'sub-1')).toEqual(mark(2));
      expect(await store.markOf('sha-b', 'sub-1')).toEqual(mark(2));
      expect(await store.ledger.progress('sha-a')).toEqual({ ...started('sha-a'), version: 1 });
    });
  });
};

onEveryStore(describeImportLedger, useDynamo(), {
  dynamo: ({ db, tableName }) => {
    const reads = new DynamoImportReads(db, tableName, new DynamoSubscriberStore(db, tableName, 4));
    return {
      ledger: new DynamoImportLedger(db, tableName),
      markOf: async (importId, id) => (await reads.heldFor(importId, [id])).get(id)?.mark,
    };
  },
  memory: () => {
    const ledger = new MemoryImportLedger();
    return { ledger, markOf: async (importId, id) => ledger.markOf(importId, id) };
  },
});
