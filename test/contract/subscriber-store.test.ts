import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import type { RecipientIndex } from '../../functions/app/ports/recipient-index.ts';
import type { SubscriberDataStore } from '../../functions/app/ports/subscriber-data-store.ts';
import type { SubscriberStore } from '../../functions/app/ports/subscriber-store.ts';
import { everyConfirmedPage } from '../../functions/app/recipients.ts';
import { ConcurrentUpdateError } from '../../functions/core/errors.ts';
import type { Language } from '../../functions/core/language.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemorySubscriberStore } from '../support/memory/subscriber-store.ts';
import { aSubscription } from '../support/subscriptions.ts';

type Store = SubscriberStore & RecipientIndex & SubscriberDataStore;

async function confirmedIds(store: Store, language: Language, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of everyConfirmedPage(store, language, limit)) {
    expect(page.ids.length).toBeLessThanOrEqual(limit);
    ids.push(...page.ids);
  }
  return ids;
}

/** The subscriber store's contract: versions, bulk reads, the index of confirmed readers, erasure. */
export function describeSubscriberStore(name: string, make: () => Promise<Store>): void {
  describe(`subscriber store: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });

    it('stores a new subscription at version 1 and reads it back as it was', async () => {
      const sub = aSubscription({ status: 'pending' });
      expect(await store.get(sub.id)).toBeUndefined();
      const stored = await store.save(sub);
      expect(stored).toEqual({ ...sub, version: 1 });
      expect(await store.get(sub.id)).toEqual({ ...sub, version: 1 });
    });

    it('refuses a write based on a version that is no longer stored', async () => {
      const sub = await store.save(aSubscription());
      await store.save({ ...sub, status: 'unsubscribed' });
      await expect(store.save({ ...sub, language: 'be' })).rejects.toBeInstanceOf(ConcurrentUpdateError);
      await expect(store.save({ ...sub, version: 0 })).rejects.toBeInstanceOf(ConcurrentUpdateError);
      expect(await store.get(sub.id)).toMatchObject({ status: 'unsubscribed', language: 'en', version: 2 });
    });

    it('indexes exactly the confirmed readers of each language, each once, in pages of the asked size', async () => {
      const confirmed = await Promise.all(
        Array.from({ length: 23 }, (_, i) => store.save(aSubscription({ language: i % 2 ? 'be' : 'ru' }))),
      );
      await store.save(aSubscription({ status: 'pending', language: 'be' }));
      const left = await store.save(aSubscription({ language: 'be' }));
      await store.save({ ...left, status: 'unsubscribed' });
      const be = await confirmedIds(store, 'be', 4);
      const ru = await confirmedIds(store, 'ru', 5);
      expect(be.sort()).toEqual(
        confirmed
          .filter((s) => s.language === 'be')
          .map((s) => s.id)
          .sort(),
      );
      expect(ru.sort()).toEqual(
        confirmed
          .filter((s) => s.language === 'ru')
          .map((s) => s.id)
          .sort(),
      );
      expect(await confirmedIds(store, 'en', 5)).toEqual([]);
    });

    it('moves a reader who changes language to the other language of the index', async () => {
      const sub = await store.save(aSubscription({ language: 'en' }));
      await store.save({ ...sub, language: 'ru' });
      expect(await confirmedIds(store, 'en', 10)).toEqual([]);
      expect(await confirmedIds(store, 'ru', 10)).toEqual([sub.id]);
    });

    it('erases a reader for good', async () => {
      const sub = await store.save(aSubscription());
      // delete tells whether a subscription was held (the erase answers the same either way; the admin's CLI says it).
      await expect(store.delete(sub.id)).resolves.toBe(true);
      expect(await store.get(sub.id)).toBeUndefined();
      expect(await confirmedIds(store, 'en', 10)).toEqual([]);
      await expect(store.delete(sub.id)).resolves.toBe(false);
    });
  });
}

const dynamo = useDynamo();
describeSubscriberStore('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return new DynamoSubscriberStore(db, tableName, 4);
});
describeSubscriberStore('in memory', async () => new MemorySubscriberStore(4));
