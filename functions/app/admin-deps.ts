import type { SettingsDeps } from './desk-views.ts';
import type { EditionDeps } from './editions.ts';
import type { ImportChunkDeps } from './import-list/import-chunk.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { CommentaryStore } from './ports/commentary-store.ts';
import type { EditorialStore } from './ports/editorial-store.ts';
import type { HoldStore } from './ports/hold-store.ts';
import type { CountsBackfill, ReaderCounts } from './ports/reader-counts.ts';
import type { ReaderDeliveries } from './ports/reader-deliveries.ts';
import type { ReaderWeeks } from './ports/reader-weeks.ts';
import type { SubscriberDataStore } from './ports/subscriber-data-store.ts';
import type { PrepareDeps } from './prepare.ts';
import type { PullFeedsDeps } from './pull-feeds.ts';
import type { SubscriberDataDeps } from './subscriber-data.ts';
import type { TestCopyDeps } from './test-copy.ts';
import type { ScheduleSettings } from './week.ts';

/** Everything the editors' API touches. */
export type AdminDeps = EditionDeps &
  TestCopyDeps & {
    readonly commentaries: CommentaryStore & CommentarySource;
    readonly holds: HoldStore;
    readonly editorial: EditorialStore;
    /** The time zone the weeks are counted in. */
    readonly timeZone: string;
    readonly subscribers: SubscriberDataStore;
    readonly cipher: SubscriberDataDeps['cipher'];
    readonly welcomes: SubscriberDataDeps['welcomes'];
    readonly mailboxes: SubscriberDataDeps['mailboxes'];
    readonly weeks: SubscriberDataDeps['weeks'] & Pick<ReaderWeeks, 'countsOf'>;
    readonly erasures: SubscriberDataDeps['erasures'];
    readonly deliveries: EditionDeps['deliveries'] & ReaderDeliveries;
    readonly feedback: EditionDeps['feedback'] & SubscriberDataDeps['feedback'];
    /** The readers' counters `stats` reads. */
    readonly counts: ReaderCounts;
    /** The one-off count of readers stored before the counters. */
    readonly backfill: CountsBackfill;
    readonly pull: PullFeedsDeps;
    readonly prepare: PrepareDeps;
    /** The weekly send's schedule (the desk shows when it goes next). */
    readonly schedule: ScheduleSettings;
    /** The imports of readers' lists (data role). */
    readonly imports: ImportChunkDeps;
    /** SENDER_EMAIL and SENDER_NAMES, for the desk's settings page. */
    readonly from: SettingsDeps['from'];
  };
