import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRenderStore } from '../../functions/adapters/dynamo/render-store.ts';
import type { RenderStore } from '../../functions/app/ports/render-store.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryRenderStore } from '../support/memory/render-store.ts';

const digest = { subject: 'Belarus weekly, 2026-W48', html: '<p>Лiст</p>', text: 'Ліст' };

/** The render store's contract: written once per edition and language, read back exactly. */
export function describeRenderStore(name: string, make: () => Promise<RenderStore>): void {
  describe(`render store: ${name}`, () => {
    let store: RenderStore;
    beforeEach(async () => {
      store = await make();
    });

    it('keeps a digest per edition and language and returns it unchanged', async () => {
      expect(await store.get('2026-W48', 'be')).toBeUndefined();
      expect(await store.put('2026-W48', 'be', digest)).toEqual(digest);
      expect(await store.get('2026-W48', 'be')).toEqual(digest);
      expect(await store.get('2026-W48', 'en')).toBeUndefined();
      expect(await store.get('2026-W49', 'be')).toBeUndefined();
    });

    it('keeps the first digest stored and answers a later put with it', async () => {
      await store.put('2026-W48', 'en', digest);
      const other = { ...digest, subject: 'changed' };
      expect(await store.put('2026-W48', 'en', other)).toEqual(digest);
      expect(await store.get('2026-W48', 'en')).toEqual(digest);
    });
  });
}

const dynamo = useDynamo();
describeRenderStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoRenderStore(db, tableName);
});
describeRenderStore('in memory', async () => new MemoryRenderStore());
