import { describe, expect, it } from 'vitest';
import { DynamoArchiveStore } from '../../functions/adapters/dynamo/archive-store.ts';
import type { ArchiveStore } from '../../functions/app/ports/archive-store.ts';
import type { ArchiveEntry } from '../../functions/core/archive.ts';
import type { Language } from '../../functions/core/language.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryArchiveStore } from '../support/memory/archive-store.ts';

const T = 1_764_000_000_000;
const entry = (language: Language, edition: string, title = `Weekly ${edition}`): ArchiveEntry => ({
  language,
  edition,
  title,
  summary: `Headlines of ${edition}`,
  publishedAt: T,
  html: `<html><body>${edition}</body></html>`,
});
const summary = ({ html: _html, ...rest }: ArchiveEntry) => rest;

/** The archive's contract: the first entry of an edition stays, newest first per language, latest only forward. */
export const describeArchiveStore: ContractSuite<ArchiveStore> = (name, make) => {
  describe(`archive store: ${name}`, () => {
    it('stores an entry once: a resumed dispatch publishing the edition again changes nothing', async () => {
      const { store } = await make();
      expect(await store.get('en', '2026-W48')).toBeUndefined();
      await store.publish(entry('en', '2026-W48'));
      await store.publish(entry('en', '2026-W48', 'Another title'));
      expect(await store.get('en', '2026-W48')).toEqual(entry('en', '2026-W48'));
      expect(await store.get('be', '2026-W48')).toBeUndefined();
    });

    it('lists a language newest first without the pages, up to the limit, and names its latest', async () => {
      const { store } = await make();
      for (const edition of ['2026-W46', '2026-W48', '2026-W47']) await store.publish(entry('en', edition));
      await store.publish(entry('ru', '2026-W49'));
      expect(await store.list('en', 2)).toEqual([summary(entry('en', '2026-W48')), summary(entry('en', '2026-W47'))]);
      expect(await store.latest('en')).toBe('2026-W48');
      expect(await store.latest('ru')).toBe('2026-W49');
      expect(await store.latest('be')).toBeUndefined();
      expect(await store.list('be', 5)).toEqual([]);
    });

    it('publishes the entry whose answer was lost, once', async () => {
      const under = await make();
      await withLostAnswer(under, (archive) => archive.publish(entry('be', '2026-W48')));
      expect(await under.store.get('be', '2026-W48')).toEqual(entry('be', '2026-W48'));
      expect(await under.store.list('be', 5)).toEqual([summary(entry('be', '2026-W48'))]);
      expect(await under.store.latest('be')).toBe('2026-W48');
    });
  });
};

onEveryStore(describeArchiveStore, useDynamo(), {
  dynamo: ({ db, tableName }) => new DynamoArchiveStore(db, tableName),
  memory: () => new MemoryArchiveStore(),
});
