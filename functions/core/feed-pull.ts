// What one pull of one feed came to, declared once for the pull (app/pull-feeds.ts), the record the Feeds page reads
// (app/ports/feed-state-store.ts) and the desk's page itself (desk/pages/feeds.ts). No imports: the desk bundles it.

/** Why a feed item was not imported. */
export type FeedSkipReason =
  | 'out-of-week'
  | 'no-date'
  | 'no-link'
  | 'no-title'
  | 'no-topic'
  | 'duplicate'
  /** With it a digest of the edition would be over Gmail's clip (MAX_DIGEST_BYTES). */
  | 'digest-full';

/** How a pull ended. `not-modified`: a 304 or the same bytes as last time, nothing read. */
export type FeedPullStatus = 'pulled' | 'not-modified' | 'failed';

/** What one pull of a feed came to, whatever the outcome. */
export interface FeedPullOutcome {
  readonly status: FeedPullStatus;
  /** Why it failed. */
  readonly error?: string;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly skippedBy: Partial<Record<FeedSkipReason, number>>;
}
