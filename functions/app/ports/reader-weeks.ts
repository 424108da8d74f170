/** What happened to a reader in a week: confirmed, or unsubscribed. */
export type ReaderWeekEvent = 'confirmed' | 'unsubscribed';

/** How many weeks the sets are kept (the current one and 12 before), so the desk can show 12 whole weeks. */
export const READER_WEEKS_KEPT = 13;

/** A week's confirmations and unsubscribes. */
export interface WeekCounts {
  readonly confirmed: number;
  readonly unsubscribed: number;
}

/**
 * Which readers confirmed or unsubscribed in a week (DynamoReaderWeeks), written by confirm and unsubscribe, read by
 * the report e-mail: a few reads however large the list, and a mark seen twice counts once.
 */
export interface ReaderWeeks {
  /** Marks the reader in `week`'s set of `event` (idempotent). */
  mark(week: string, subscriberId: string, event: ReaderWeekEvent, now: number): Promise<void>;
  /** The week's counts. */
  counts(week: string): Promise<WeekCounts>;
  /** Each week's counts, in the order given (the desk's chart: a few reads for a dozen weeks). */
  countsOf(weeks: readonly string[]): Promise<WeekCounts[]>;
  /** Takes the reader out of both sets of each of `weeks` (erasure); creates nothing. */
  forget(subscriberId: string, weeks: readonly string[]): Promise<void>;
}
