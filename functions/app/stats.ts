import { type SubscriberStats, statsFromCells } from '../core/reader-counts.ts';
import type { ReaderCounts } from './ports/reader-counts.ts';

export type { SubscriberStats } from '../core/reader-counts.ts';

/** Counts subscribers per language and status from the readers' counters: a few reads, no scan. */
export async function subscriberStats(counts: ReaderCounts, now: number): Promise<SubscriberStats> {
  return statsFromCells(await counts.cells(), now);
}
