import type { FeedPullOutcome, FeedSkipReason } from '../../core/feed-pull.ts';

/** What was last fetched from one feed, for conditional requests and for servers that ignore them. */

export interface FeedState {
  readonly url: string;
  /** The edition the last successful pull imported for: validators only hold for the same edition. */
  readonly edition: string;
  readonly hash: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly pulledAt: number;
  /** How many of the feed's items that pull left out, by reason (for the editors' report); absent when none. */
  readonly skippedBy?: Partial<Record<FeedSkipReason, number>>;
}
/** What one pull of a feed came to, whatever the outcome (the desk's Feeds page): kept beside the state. */
export interface FeedPullRecord extends FeedPullOutcome {
  /** When the pull ended (epoch ms). */
  readonly at: number;
  readonly edition: string;
}

/** Keeps one FeedState per feed URL, and the record of its last pull (DynamoFeedStateStore). */
export interface FeedStateStore {
  get(url: string): Promise<FeedState | undefined>;
  put(state: FeedState): Promise<void>;
  /** The record of the last pull of `url` (strongly consistent), undefined before the first. */
  lastPull(url: string): Promise<FeedPullRecord | undefined>;
  /** Replaces the record of the last pull of `url`; the state (validators, hash) stays as it is. */
  recordPull(url: string, record: FeedPullRecord): Promise<void>;
}
