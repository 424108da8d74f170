import type { EditionSummary } from '../../core/edition-summary.ts';

/** A completed edition's summary, next to its send record (DynamoEditionSummaries). */

export interface SummaryStore {
  /** The summary (strongly consistent), or undefined before the edition completed. */
  get(edition: string): Promise<EditionSummary | undefined>;
  /** Stores the summary unless one is stored: a completion seen again changes nothing. */
  put(edition: string, summary: EditionSummary): Promise<void>;
}
