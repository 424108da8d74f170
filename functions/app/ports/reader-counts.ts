/**
 * The readers' counters (DynamoReaderCounts): one count per language and status (a pending request by the day its
 * window ends), moved by the subscriber store with every state change it writes, read by `stats`, `prepare` and the
 * desk in a few reads however large the list.
 */
export interface ReaderCounts {
  /** Every counter cell (`<language>#<status>` or `<language>#pending#<day>`) and its count. */
  cells(): Promise<Record<string, number>>;
}

/** What one step of a backfill did: subscriptions it counted now, those counted already, and where to go on. */
export interface BackfillStep {
  readonly counted: number;
  readonly already: number;
  /** Where the next step starts (opaque); absent once the whole table was read. */
  readonly next?: string;
}

/**
 * The one-off, repeatable count of subscriptions stored before the counters existed (DynamoCountsBackfill), in steps
 * that each fit a function's time limit.
 */
export interface CountsBackfill {
  backfillCounts(after?: string): Promise<BackfillStep>;
}
