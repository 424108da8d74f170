import { describe, expect, it } from 'vitest';
import { DynamoFeedStateStore } from '../../functions/adapters/dynamo/feed-state-store.ts';
import type { FeedState, FeedStateStore } from '../../functions/app/ports/feed-state-store.ts';
import { type ContractSuite, onEveryStore, withLostAnswer } from '../support/contract.ts';
import { useDynamo } from '../support/dynamo.ts';
import { MemoryFeedStateStore } from '../support/memory/feed-state-store.ts';

const T = 1_764_000_000_000;
const state = (url: string, extra: Partial<FeedState> = {}): FeedState => ({
  url,
  edition: '2026-W48',
  hash: 'a'.repeat(64),
  etag: '"1-abc"',
  lastModified: 'Fri, 27 Nov 2026 12:00:00 GMT',
  pulledAt: T,
  ...extra,
});

/** The feed state store's contract: one state per URL, replaced by the next pull, read back as it was. */
export const describeFeedStateStore: ContractSuite<FeedStateStore> = (name, make) => {
  describe(`feed state store: ${name}`, () => {
    it('has no state of a feed never pulled, and reads a stored one back as it was', async () => {
      const { store } = await make();
      expect(await store.get('https://example.org/en/rss.xml')).toBeUndefined();
      await store.put(state('https://example.org/en/rss.xml'));
      expect(await store.get('https://example.org/en/rss.xml')).toEqual(state('https://example.org/en/rss.xml'));
      expect(await store.get('https://example.org/be/rss.xml')).toBeUndefined();
    });

    it('replaces the state on the next pull, validators dropped included', async () => {
      const { store } = await make();
      const url = 'https://example.org/en/rss.xml';
      await store.put(state(url));
      const next = { url, edition: '2026-W49', hash: 'b'.repeat(64), pulledAt: T + 1 };
      await store.put(next);
      expect(await store.get(url)).toEqual(next);
    });

    it("keeps the last pull's record beside the state: neither write touches the other", async () => {
      const { store } = await make();
      const url = 'https://example.org/be/atom.xml';
      expect(await store.lastPull(url)).toBeUndefined();
      const pulled = { at: T, edition: '2026-W48', status: 'pulled' as const, created: 2, updated: 0, unchanged: 1 };
      await store.recordPull(url, { ...pulled, skipped: 1, skippedBy: { duplicate: 1 } });
      await store.put(state(url));
      const failed = { ...pulled, at: T + 1, status: 'failed' as const, error: 'HTTP 500', created: 0, unchanged: 0 };
      await store.recordPull(url, { ...failed, skipped: 0, skippedBy: {} });
      expect(await store.get(url)).toEqual(state(url));
      expect(await store.lastPull(url)).toEqual({ ...failed, skipped: 0, skippedBy: {} });
      expect(await store.lastPull('https://example.org/en/rss.xml')).toBeUndefined();
    });

    it('keeps the state whose write answer was lost', async () => {
      const under = await make();
      await withLostAnswer(under, (states) => states.put(state('https://example.org/ru/rss.xml')));
      expect(await under.store.get('https://example.org/ru/rss.xml')).toEqual(state('https://example.org/ru/rss.xml'));
    });
  });
};

onEveryStore(
  describeFeedStateStore,
  useDynamo(),
  { dynamo: ({ db, tableName }) => new DynamoFeedStateStore(db, tableName), memory: () => new MemoryFeedStateStore() },
  'all',
);
