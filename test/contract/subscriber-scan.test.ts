import { describe, expect, it } from 'vitest';
import { DynamoSubscriberScan } from '../../functions/adapters/dynamo/subscriber-scan.ts';
import { DynamoSubscriberStore } from '../../functions/adapters/dynamo/subscriber-store.ts';
import type { SubscriberFacts, SubscriberScan } from '../../functions/app/ports/subscriber-scan.ts';
import type { SubscriberStore } from '../../functions/app/ports/subscriber-store.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemorySubscriberScan } from '../support/memory/subscriber-scan.ts';
import { MemorySubscriberStore } from '../support/memory/subscriber-store.ts';
import { aSubscription } from '../support/subscriptions.ts';

const T = 1_764_000_000_000;

/** A scan and the store whose subscriptions it reads. */
interface ScanUnderTest {
  readonly scan: SubscriberScan;
  readonly store: SubscriberStore;
}

async function allFacts(scan: SubscriberScan): Promise<SubscriberFacts[]> {
  const facts: SubscriberFacts[] = [];
  for await (const page of scan.facts()) facts.push(...page);
  return facts;
}

const byLanguage = (a: SubscriberFacts, b: SubscriberFacts) => (a.language < b.language ? -1 : 1);

/** The subscriber scan's contract: every subscription's language, status and dates, and nothing else. */
export function describeSubscriberScan(name: string, make: () => Promise<ScanUnderTest>): void {
  describe(`subscriber scan: ${name}`, () => {
    it('reads nothing from an empty store', async () => {
      const { scan } = await make();
      expect(await allFacts(scan)).toEqual([]);
    });

    it('reads each subscription’s language, status and dates, and no address or id', async () => {
      const { scan, store } = await make();
      await store.save(aSubscription({ language: 'be', status: 'pending', expiresAt: T + 1 }));
      await store.save(aSubscription({ language: 'en', status: 'confirmed', confirmedAt: T }));
      await store.save(
        aSubscription({ language: 'ru', status: 'unsubscribed', confirmedAt: T, unsubscribedAt: T + 2 }),
      );
      const facts = (await allFacts(scan)).sort(byLanguage);
      expect(facts).toEqual([
        { language: 'be', status: 'pending', expiresAt: T + 1 },
        { language: 'en', status: 'confirmed', confirmedAt: T },
        { language: 'ru', status: 'unsubscribed', confirmedAt: T, unsubscribedAt: T + 2 },
      ]);
    });

    it('reads every one of many subscriptions, however they are paged', async () => {
      const { scan, store } = await make();
      for (let i = 0; i < 120; i++) await store.save(aSubscription({ status: 'confirmed', confirmedAt: T + i }));
      const facts = await allFacts(scan);
      expect(facts.map((f) => f.confirmedAt).sort()).toEqual(Array.from({ length: 120 }, (_, i) => T + i).sort());
    });
  });
}

const dynamo = useDynamo();
describeSubscriberScan('DynamoDB adapter on dynalite', async () => {
  const { db, tableName } = await dynamo.fresh();
  return { scan: new DynamoSubscriberScan(db, tableName), store: new DynamoSubscriberStore(db, tableName, 4) };
});
describeSubscriberScan('in memory', async () => {
  const store = new MemorySubscriberStore();
  return { scan: new MemorySubscriberScan(store, 50), store };
});
