import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCommentaryStore } from '../../functions/adapters/dynamo/commentary-store.ts';
import type { CommentarySource } from '../../functions/app/ports/commentary-source.ts';
import type { CommentaryStore } from '../../functions/app/ports/commentary-store.ts';
import type { Commentary } from '../../functions/core/commentary.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryCommentaryStore } from '../support/memory/commentary-store.ts';

type Store = CommentaryStore & CommentarySource & { any(): Promise<boolean> };

function aCommentary(over: Partial<Commentary> = {}): Commentary {
  return {
    key: 'economy-2026-w48',
    slug: 'economy-2026-w48',
    language: 'en',
    edition: '2026-W48',
    date: '2026-11-24',
    title: 'Wages stall',
    topic: 'Economy',
    trend: 'worse',
    url: 'https://example.org/economy',
    lead: 'Real wages *fell*.',
    leadHtml: 'Real wages <em>fell</em>.',
    leadText: 'Real wages fell.',
    body: 'Body.',
    ...over,
  };
}

/** The commentary store's contract: one per (language, key), re-import updates, listed by edition. */
export function describeCommentaryStore(name: string, make: () => Promise<Store>): void {
  describe(`commentary store: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });

    it('creates a commentary, then updates it on re-import instead of adding another', async () => {
      expect(await store.any()).toBe(false);
      expect(await store.put(aCommentary())).toBe('created');
      expect(await store.put(aCommentary({ title: 'Wages stall again' }))).toBe('updated');
      expect(await store.any()).toBe(true);
      expect(await store.listByEdition('2026-W48')).toEqual([aCommentary({ title: 'Wages stall again' })]);
    });

    it('keeps translations apart and lists an edition in all its languages only', async () => {
      await store.put(aCommentary());
      await store.put(aCommentary({ language: 'be', title: 'Заробкі' }));
      await store.put(aCommentary({ key: 'other', slug: 'other', edition: '2026-W49' }));
      const listed = await store.listByEdition('2026-W48');
      expect(listed.map((c) => `${c.language}:${c.title}`).sort()).toEqual(['be:Заробкі', 'en:Wages stall']);
      expect(await store.listByEdition('2026-W47')).toEqual([]);
    });

    it('moves a commentary whose edition changed to its new edition', async () => {
      await store.put(aCommentary());
      await store.put(aCommentary({ edition: '2026-W49' }));
      expect(await store.listByEdition('2026-W48')).toEqual([]);
      expect(await store.listByEdition('2026-W49')).toHaveLength(1);
    });
  });
}

const dynamo = useDynamo();
describeCommentaryStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoCommentaryStore(db, tableName);
});
describeCommentaryStore('in memory', async () => new MemoryCommentaryStore());
