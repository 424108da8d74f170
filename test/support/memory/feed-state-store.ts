import type { FeedPullRecord, FeedState, FeedStateStore } from '../../../functions/app/ports/feed-state-store.ts';

/** One state per feed URL in a Map. */
export class MemoryFeedStateStore implements FeedStateStore {
  readonly items = new Map<string, FeedState>();
  readonly pulls = new Map<string, FeedPullRecord>();

  /** The state of the last pull of `url`. */
  async get(url: string): Promise<FeedState | undefined> {
    const state = this.items.get(url);
    return state ? structuredClone(state) : undefined;
  }

  /** Replaces the state of `state.url`. */
  async put(state: FeedState): Promise<void> {
    this.items.set(state.url, structuredClone(state));
  }

  /** The record of the last pull of `url`. */
  async lastPull(url: string): Promise<FeedPullRecord | undefined> {
    const record = this.pulls.get(url);
    return record ? structuredClone(record) : undefined;
  }

  /** Replaces the record of the last pull of `url`. */
  async recordPull(url: string, record: FeedPullRecord): Promise<void> {
    this.pulls.set(url, structuredClone(record));
  }
}
