import type { SkipReason } from '../../core/feed-commentary.ts';

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
  readonly skippedBy?: Partial<Record<SkipReason, number>>;
}
/** Keeps one FeedState per feed URL (DynamoFeedStateStore). */

export interface FeedStateStore {
  get(url: string): Promise<FeedState | undefined>;
  put(state: FeedState): Promise<void>;
}
