import type { Commentary, Trend } from '../core/commentary.ts';
import { planEditionLanguages } from '../core/digest-view.ts';
import { inEditionOrder, isRemoved, rankKeys } from '../core/editorial.ts';
import type { Language } from '../core/language.ts';
import { isFeedItem } from '../core/same-link.ts';
import { nextWeeklyRun } from '../core/weekly-schedule.ts';
import type { EditionSettings } from './digest.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { HoldStore } from './ports/hold-store.ts';
import type { SendRecordStore } from './ports/send-record-store.ts';

/** The weekly send's schedule as configured (`SCHEDULE`, `TIMEZONE`). */
export interface ScheduleSettings {
  /** The EventBridge Scheduler expression, e.g. `cron(0 9 ? * FRI *)`. */
  readonly expression: string;
  readonly timeZone: string;
}

/** What the week view reads: the edition's items and editorial record, its send record and hold, the schedule. */
export interface WeekDeps {
  readonly commentaries: CommentarySource;
  readonly settings: EditionSettings;
  readonly sends: Pick<SendRecordStore, 'get'>;
  readonly holds: Pick<HoldStore, 'isHeld'>;
  readonly schedule: ScheduleSettings;
  readonly now: () => number;
}

/** One item as the desk's "This week" shows it. */
export interface WeekItem {
  readonly key: string;
  readonly slug: string | null;
  readonly title: string;
  readonly topic: string;
  readonly trend: Trend | null;
  readonly url: string;
  readonly source: 'file' | 'feed';
  readonly removed: boolean;
}

/** One language of the week: the editor's note (its Markdown), the items in send order, and the fallback it uses. */
export interface WeekLanguage {
  readonly note: string | null;
  readonly items: WeekItem[];
  /** The language whose items this one's digest sends when it has none of its own. */
  readonly fallback?: Language;
}

/** When the schedule sends next (ISO time; null for an expression that is not once a week), in which zone, how. */
export interface ScheduleView {
  readonly next: string | null;
  readonly timeZone: string;
  readonly cron: string;
}

/** The schedule as the desk shows it. */
export function scheduleView(schedule: ScheduleSettings, now: number): ScheduleView {
  const next = nextWeeklyRun(schedule.expression, schedule.timeZone, now);
  return {
    next: next === undefined ? null : new Date(next).toISOString(),
    timeZone: schedule.timeZone,
    cron: schedule.expression,
  };
}

/**
 * An edition's week for the editors: per configured language its items in the order the send would use, the items
 * the editors removed in the place they would have, flagged; its note; the edition's status, hold and the schedule.
 * Reads only the edition's items and editorial, send and hold records (nothing is written).
 */
export async function editionWeek(deps: WeekDeps, edition: string) {
  const [all, editorial, record, held] = await Promise.all([
    deps.commentaries.listByEdition(edition),
    deps.commentaries.editorial(edition),
    deps.sends.get(edition),
    deps.holds.isHeld(edition),
  ]);
  const items = all.filter((c) => c.edition === edition);
  const kept = items.filter((c) => !isRemoved(editorial, c));
  const plan = planEditionLanguages(edition, items, [...deps.settings.languages], deps.settings.fallbacks, editorial);
  const sendRanks = rankKeys(kept, editorial.order);
  const allRanks = rankKeys(items, editorial.order);
  const languages: Partial<Record<Language, WeekLanguage>> = {};
  for (const language of deps.settings.languages) {
    const own = items.filter((c) => c.language === language);
    const sent = inEditionOrder(
      own.filter((c) => !isRemoved(editorial, c)),
      sendRanks,
    );
    const removed = inEditionOrder(
      own.filter((c) => isRemoved(editorial, c)),
      allRanks,
    );
    const source = plan.plans.find((p) => p.language === language)?.source;
    languages[language] = {
      note: editorial.notes[language]?.markdown ?? null,
      items: mergeRemoved(sent, removed, allRanks).map((c) => weekItem(c, isRemoved(editorial, c))),
      ...(source ? { fallback: source } : {}),
    };
  }
  return {
    edition,
    status: record?.status ?? ('not-started' as const),
    held,
    schedule: scheduleView(deps.schedule, deps.now()),
    languages,
  };
}

/** The sent items in send order, each removed one before the first sent item that ranks after it in the edition. */
function mergeRemoved(sent: Commentary[], removed: Commentary[], ranks: ReadonlyMap<string, number>): Commentary[] {
  const rank = (c: Commentary) => ranks.get(c.key) ?? Infinity;
  const out: Commentary[] = [];
  let r = 0;
  for (const c of sent) {
    while (r < removed.length && rank(removed[r] as Commentary) < rank(c)) out.push(removed[r++] as Commentary);
    out.push(c);
  }
  return [...out, ...removed.slice(r)];
}

function weekItem(c: Commentary, removed: boolean): WeekItem {
  return {
    key: c.key,
    slug: c.slug ?? null,
    title: c.title,
    topic: c.topic,
    trend: c.trend ?? c.feedTrend ?? null,
    url: c.url,
    source: isFeedItem(c) ? 'feed' : 'file',
    removed,
  };
}
