import type { SummaryStore } from '../../../functions/app/ports/summary-store.ts';
import type { EditionSummary } from '../../../functions/core/edition-summary.ts';

/** Edition summaries in a Map: the first put of an edition stays. */
export class MemorySummaryStore implements SummaryStore {
  readonly items = new Map<string, EditionSummary>();

  /** The stored summary, or undefined. */
  async get(edition: string): Promise<EditionSummary | undefined> {
    const stored = this.items.get(edition);
    return stored ? structuredClone(stored) : undefined;
  }

  /** Stores the summary unless one is stored. */
  async put(edition: string, summary: EditionSummary): Promise<void> {
    if (!this.items.has(edition)) this.items.set(edition, structuredClone(summary));
  }
}
