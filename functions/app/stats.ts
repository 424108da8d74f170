import { editionAt, previousEdition } from '../core/edition.ts';
import { type SubscriberStats, statsFromCells } from '../core/reader-counts.ts';
import type { ReaderCounts } from './ports/reader-counts.ts';
import type { ReaderWeeks } from './ports/reader-weeks.ts';

export type { SubscriberStats } from '../core/reader-counts.ts';

/** How many weeks `GET /admin/stats` gives new and left readers for (the current one last). */
export const STATS_WEEKS = 12;

/** Counts subscribers per language and status from the readers' counters: a few reads, no scan. */
export async function subscriberStats(counts: ReaderCounts, now: number): Promise<SubscriberStats> {
  return statsFromCells(await counts.cells(), now);
}

/**
 * The counts per language and status and, for the last 12 weeks (oldest first, the current week last), how many
 * readers confirmed and unsubscribed: the counters and the weeks' sets, a BatchGetItem each, no scan.
 */
export async function readerStats(deps: {
  counts: ReaderCounts;
  weeks: Pick<ReaderWeeks, 'countsOf'>;
  timeZone: string;
  now: () => number;
}) {
  const now = deps.now();
  const weeks = [editionAt(now, deps.timeZone)];
  while (weeks.length < STATS_WEEKS) weeks.unshift(previousEdition(weeks[0] as string));
  const [stats, counts] = await Promise.all([subscriberStats(deps.counts, now), deps.weeks.countsOf(weeks)]);
  return { ...stats, weeks: weeks.map((week, i) => ({ week, ...(counts[i] ?? { confirmed: 0, unsubscribed: 0 }) })) };
}
