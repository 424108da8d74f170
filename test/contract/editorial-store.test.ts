import { describe, expect, it } from 'vitest';
import { DynamoEditorialStore, readEditorial } from '../../functions/adapters/dynamo/editorial-store.ts';
import type { CommentarySource } from '../../functions/app/ports/commentary-source.ts';
import type { EditorialStore } from '../../functions/app/ports/editorial-store.ts';
import { type EditorNote, NO_EDITORIAL } from '../../functions/core/editorial.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryEditorialStore } from '../support/memory/editorial-store.ts';

/** The editorial store and the read the digest makes of what it wrote (`CommentarySource.editorial`). */
type Editorials = EditorialStore & Pick<CommentarySource, 'editorial'>;

const note = (markdown: string): EditorNote => ({ markdown, html: `<p>${markdown}</p>`, text: markdown });

/**
 * The editorial store's contract: order, notes and removed keys per edition, each change leaving the others as they
 * were, with honest answers (was there a note, did the removal change anything), also when an answer was lost.
 */
export const describeEditorialStore: ContractSuite<Editorials> = (name, make) => {
  describe(`editorial store: ${name}`, () => {
    it('reads an edition nobody shaped as NO_EDITORIAL', async () => {
      const { store } = await make();
      expect(await store.editorial('2026-W48')).toEqual(NO_EDITORIAL);
    });

    it('replaces the order, and keeps notes and removed keys when it does', async () => {
      const { store } = await make();
      await store.setNote('2026-W48', 'en', note('Hello'));
      await store.setRemoved('2026-W48', 'be', 'k2', true);
      await store.setOrder('2026-W48', ['k2', 'k1']);
      await store.setOrder('2026-W48', ['k3', 'k1']);
      expect(await store.editorial('2026-W48')).toEqual({
        order: ['k3', 'k1'],
        notes: { en: note('Hello') },
        removed: { be: ['k2'] },
      });
      expect(await store.editorial('2026-W49')).toEqual(NO_EDITORIAL);
    });

    it('sets, replaces and removes a language’s note, telling whether there was one', async () => {
      const { store } = await make();
      expect(await store.setNote('2026-W48', 'en', note('One'))).toBe(false);
      expect(await store.setNote('2026-W48', 'en', note('Two'))).toBe(true);
      expect(await store.setNote('2026-W48', 'be', note('Адзін'))).toBe(false);
      expect(await store.setNote('2026-W48', 'en', undefined)).toBe(true);
      expect(await store.setNote('2026-W48', 'en', undefined)).toBe(false);
      expect(await store.setNote('2026-W48', 'ru', undefined)).toBe(false);
      expect((await store.editorial('2026-W48')).notes).toEqual({ be: note('Адзін') });
    });

    it('removes and restores a key per language, telling whether that changed anything', async () => {
      const { store } = await make();
      expect(await store.setRemoved('2026-W48', 'en', 'k2', true)).toBe(true);
      expect(await store.setRemoved('2026-W48', 'en', 'k1', true)).toBe(true);
      expect(await store.setRemoved('2026-W48', 'en', 'k1', true)).toBe(false);
      expect(await store.setRemoved('2026-W48', 'ru', 'k1', true)).toBe(true);
      expect(await store.setRemoved('2026-W48', 'be', 'k1', false)).toBe(false);
      expect((await store.editorial('2026-W48')).removed).toEqual({ en: ['k1', 'k2'], ru: ['k1'] });
      expect(await store.setRemoved('2026-W48', 'ru', 'k1', false)).toBe(true);
      expect(await store.setRemoved('2026-W48', 'ru', 'k1', false)).toBe(false);
      expect((await store.editorial('2026-W48')).removed).toEqual({ en: ['k1', 'k2'] });
    });

    it('says a removal changed the edition when the answer to it was lost', async () => {
      const under = await make();
      expect(await withLostAnswer(under, (s) => s.setRemoved('2026-W48', 'en', 'k1', true))).toBe(true);
      expect(await withLostAnswer(under, (s) => s.setRemoved('2026-W48', 'en', 'k1', false))).toBe(true);
      expect((await under.store.editorial('2026-W48')).removed).toEqual({});
    });

    it('says there was a note when the answer to its removal was lost', async () => {
      const under = await make();
      await under.store.setNote('2026-W48', 'en', note('One'));
      expect(await withLostAnswer(under, (s) => s.setNote('2026-W48', 'en', undefined))).toBe(true);
      expect((await under.store.editorial('2026-W48')).notes).toEqual({});
    });
  });
};

onEveryStore(
  describeEditorialStore,
  useDynamo(),
  {
    dynamo: ({ db, tableName }) =>
      Object.assign(new DynamoEditorialStore(db, tableName), {
        editorial: (edition: string) => readEditorial(db, tableName, edition),
      }),
    memory: () => new MemoryEditorialStore(),
  },
  'all',
);
