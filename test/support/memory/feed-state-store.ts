import type { FeedState, FeedStateStore } from '../../../functions/app/ports/feed-state-store.ts';

/** One state per feed URL in a Map. */
export class MemoryFeedStateStore implements FeedStateStore {
  readonly items = new Map<string, FeedState>();

  /** The state of the last pull of `url`. */
  async get(url: string): Promise<FeedState | undefined> {
    const state = this.items.get(url);
    return state ? structuredClone(state) : undefined;
  }

  /** Replaces the state of `state.url`. */
  async put(state: FeedState): Promise<void> {
    this.items.set(state.url, structuredClone(state));
  }
}
