import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFeedStateStore } from '../adapters/dynamo/feed-state.ts';
import { EmfMetrics } from '../adapters/emf-metrics.ts';
import { HttpFeedFetcher } from '../adapters/feed-fetcher.ts';
import type { Config } from '../app/config.ts';
import type { Log } from '../app/ports.ts';
import type { FeedCommentaryStore, Metrics, PullFeedsDeps } from '../app/pull-feeds.ts';

/** The parts of the send context a feed pull takes. */
export interface FeedContext {
  readonly config: Config;
  readonly db: DynamoDBDocumentClient;
  readonly log: Log;
  readonly commentaries: FeedCommentaryStore;
}

/** A feed pull's dependencies: the configured feeds, the HTTP fetcher, feed state in the table, metrics as EMF. */
export function pullFeedsDeps(ctx: FeedContext, metrics: Metrics = new EmfMetrics()): PullFeedsDeps {
  return {
    feeds: ctx.config.FEEDS,
    fetcher: new HttpFeedFetcher(),
    states: new DynamoFeedStateStore(ctx.db, ctx.config.TABLE_NAME),
    commentaries: ctx.commentaries,
    settings: { timeZone: ctx.config.TIMEZONE, trends: ctx.config.FEED_TRENDS },
    now: Date.now,
    log: ctx.log,
    metrics,
  };
}
