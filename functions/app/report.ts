import type { SkipReason } from '../core/digest-view.ts';
import { fromSummary, isComplete, summaryOf } from '../core/edition-summary.ts';
import type { Language } from '../core/language.ts';
import { type LanguageReport, summarize } from '../core/send.ts';
import type { DeliveryStore } from './ports/delivery-store.ts';
import type { FeedbackSets } from './ports/feedback-sets.ts';
import type { SendRecordStore } from './ports/send-record-store.ts';
import type { SummaryStore } from './ports/summary-store.ts';

/** What the report reads: the send record, the summary and feedback sets, before completion the delivery records. */
export interface ReportDeps {
  readonly sends: Pick<SendRecordStore, 'get'>;
  readonly deliveries: Pick<DeliveryStore, 'list'>;
  readonly summaries: Pick<SummaryStore, 'get'>;
  readonly feedback: Pick<FeedbackSets, 'counts'> & Partial<Pick<FeedbackSets, 'suppressedCounts'>>;
}

/** What the completion check needs besides: where it writes the summary. */
export interface CompletionDeps extends ReportDeps {
  readonly summaries: SummaryStore;
}

/** An edition's report: per language planned, sent, failed, skipped, bounced, complained, uncertain, pending, unhandled. */
export interface EditionReport {
  readonly edition: string;
  readonly status: 'not-started' | 'dispatching' | 'dispatched';
  readonly skippedLanguages: readonly Language[];
  /** Why each skipped language was not sent (kept by the send since issue 23; absent before). */
  readonly skippedWhy?: Partial<Record<Language, SkipReason>>;
  /** Per language, the keys of the items the editors had removed when the send started. */
  readonly removed?: Partial<Record<Language, readonly string[]>>;
  readonly languages: Partial<Record<Language, LanguageReport>>;
  /** Per language, readers suppressed after K consecutive soft-bounced editions, this edition's the K-th (if any). */
  readonly suppressedAfterSoftBounces?: Partial<Record<Language, number>>;
}

/**
 * Builds the report. Once the edition completed (its summary is stored) it is a few reads whatever the list size:
 * the send record, the summary and the bounce and complaint sets. Before that it adds up the per-recipient
 * delivery records (live progress, so it always adds up), reading every one of them.
 */
export async function editionReport(deps: ReportDeps, edition: string): Promise<EditionReport> {
  return (await readReport(deps, edition)).report;
}

/**
 * The exact completion check: the report when the edition is complete (dispatch finished, nothing pending, nothing
 * unhandled), its summary stored first so later reports stop reading delivery records; undefined when incomplete.
 */
export async function completedReport(deps: CompletionDeps, edition: string): Promise<EditionReport | undefined> {
  // While the dispatch is still queueing, the edition cannot be complete: no need to read its delivery records.
  const { report, summarized } = await readReport(deps, edition, { unlessDispatching: true });
  if (summarized) return report;
  if (report.status === 'not-started' || !isComplete(report.status, report.languages)) return undefined;
  // An edition that planned nobody has no delivery records worth summarising: its report stays a live read.
  if (Object.values(report.languages).some((r) => r.planned > 0))
    await deps.summaries.put(edition, summaryOf(report.languages));
  return report;
}

async function readReport(deps: ReportDeps, edition: string, options: { unlessDispatching?: boolean } = {}) {
  // The three small reads at once: a summary exists only for a dispatched edition.
  const [record, summary, feedback, suppressed] = await Promise.all([
    deps.sends.get(edition),
    deps.summaries.get(edition),
    deps.feedback.counts(edition),
    deps.feedback.suppressedCounts?.(edition),
  ]);
  if (!record) {
    const report: EditionReport = { edition, status: 'not-started', skippedLanguages: [], languages: {} };
    return { report, summarized: false };
  }
  const skipRecords = !summary && options.unlessDispatching === true && record.status !== 'dispatched';
  const languages = summary
    ? fromSummary(summary, feedback)
    : summarize(record.planned, skipRecords ? [] : await deps.deliveries.list(edition));
  const report: EditionReport = {
    edition,
    status: record.status,
    skippedLanguages: record.skipped,
    ...(record.why ? { skippedWhy: record.why } : {}),
    ...(record.removed ? { removed: record.removed } : {}),
    languages,
    ...(suppressed && Object.keys(suppressed).length > 0 ? { suppressedAfterSoftBounces: suppressed } : {}),
  };
  return { report, summarized: summary !== undefined };
}
