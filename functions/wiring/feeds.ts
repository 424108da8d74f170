import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFeedStateStore } from '../adapters/dynamo/feed-state-store.ts';
import { DynamoPreviewMarks } from '../adapters/dynamo/preview-marks.ts';
import { DynamoReportMarks } from '../adapters/dynamo/report-marks.ts';
import { EmfMetrics } from '../adapters/emf/metrics.ts';
import { HttpFeedFetcher } from '../adapters/http/feed-fetcher.ts';
import type { Config } from '../app/config.ts';
import type { EditionSettings } from '../app/digest.ts';
import type { HoldLinkDeps } from '../app/hold-link.ts';
import type { CommentarySource } from '../app/ports/commentary-source.ts';
import type { FeedCommentaryStore } from '../app/ports/feed-commentary-store.ts';
import type { HoldStore } from '../app/ports/hold-store.ts';
import type { Log } from '../app/ports/log.ts';
import type { Mailer } from '../app/ports/mailer.ts';
import type { Metrics } from '../app/ports/metrics.ts';
import type { ReaderWeeks } from '../app/ports/reader-weeks.ts';
import type { RecipientIndex } from '../app/ports/recipient-index.ts';
import type { RenderStore } from '../app/ports/render-store.ts';
import type { PrepareDeps } from '../app/prepare.ts';
import type { PullFeedsDeps } from '../app/pull-feeds.ts';
import type { CompletionDeps } from '../app/report.ts';
import type { ReportMailDeps } from '../app/report-mail.ts';
import type { KeyRing } from '../core/tokens.ts';

/** The parts of the send context the week's automation takes (createSendContext provides them all). */
export interface FeedContext {
  readonly config: Config;
  readonly db: DynamoDBDocumentClient;
  readonly log: Log;
  readonly commentaries: FeedCommentaryStore & CommentarySource;
  readonly settings: EditionSettings & { timeZone: string };
}

/** The further parts `prepare`, the hold link and the report e-mail take. */
export interface WeekContext extends FeedContext {
  readonly secrets: { readonly ring: KeyRing; readonly idKey: Uint8Array };
  readonly renders: Pick<RenderStore, 'get'>;
  readonly subscribers: RecipientIndex;
  readonly sends: CompletionDeps['sends'];
  readonly deliveries: CompletionDeps['deliveries'];
  readonly summaries: CompletionDeps['summaries'];
  readonly feedback: CompletionDeps['feedback'];
  readonly holds: HoldStore;
  readonly readerWeeks: ReaderWeeks;
}

/** A feed pull's dependencies: the configured feeds, the HTTP fetcher, feed state in the table, metrics as EMF. */
export function pullFeedsDeps(ctx: FeedContext, metrics: Metrics = new EmfMetrics()): PullFeedsDeps {
  return {
    feeds: ctx.config.FEEDS,
    fetcher: new HttpFeedFetcher(),
    states: new DynamoFeedStateStore(ctx.db, ctx.config.TABLE_NAME),
    commentaries: ctx.commentaries,
    settings: { timeZone: ctx.config.TIMEZONE, trends: ctx.config.FEED_TRENDS },
    digest: ctx.settings,
    now: Date.now,
    log: ctx.log,
    metrics,
  };
}

/** `prepare`'s dependencies: the feed pull, the digests, the readers' count and the editors' mailer. */
export function prepareDeps(ctx: WeekContext, mailer: Mailer, metrics?: Metrics): PrepareDeps {
  return {
    pull: pullFeedsDeps(ctx, metrics),
    commentaries: ctx.commentaries,
    settings: ctx.settings,
    recipients: ctx.subscribers,
    holds: ctx.holds,
    report: { sends: ctx.sends, deliveries: ctx.deliveries, summaries: ctx.summaries, feedback: ctx.feedback },
    renders: ctx.renders,
    mailer,
    editors: ctx.config.EDITOR_EMAILS,
    previewMarks: new DynamoPreviewMarks(ctx.db, ctx.config.TABLE_NAME),
    idKey: ctx.secrets.idKey,
    ring: ctx.secrets.ring,
    publicUrl: ctx.config.PUBLIC_URL,
    now: Date.now,
    log: ctx.log,
  };
}

/** The hold link's dependencies. */
export function holdLinkDeps(ctx: WeekContext): HoldLinkDeps {
  return { holds: ctx.holds, sends: ctx.sends, ring: ctx.secrets.ring, timeZone: ctx.config.TIMEZONE, now: Date.now };
}

/** The report e-mail's dependencies. */
export function reportMailDeps(ctx: WeekContext, mailer: Mailer): ReportMailDeps {
  return {
    sends: ctx.sends,
    deliveries: ctx.deliveries,
    summaries: ctx.summaries,
    feedback: ctx.feedback,
    marks: new DynamoReportMarks(ctx.db, ctx.config.TABLE_NAME),
    feeds: ctx.config.FEEDS,
    states: new DynamoFeedStateStore(ctx.db, ctx.config.TABLE_NAME),
    weeks: ctx.readerWeeks,
    mailer,
    editors: ctx.config.EDITOR_EMAILS,
    timeZone: ctx.config.TIMEZONE,
    softBounceLimit: ctx.config.SOFT_BOUNCE_LIMIT,
    now: Date.now,
    log: ctx.log,
  };
}
