import type { Language } from '../core/language.ts';
import { type LanguageReport, summarize } from '../core/send.ts';
import type { SendRecordStore } from './dispatch.ts';
import type { DeliveryStore } from './ports.ts';

/** What the report reads: the send record and the delivery records. */
export interface ReportDeps {
  readonly sends: Pick<SendRecordStore, 'get'>;
  readonly deliveries: Pick<DeliveryStore, 'list'>;
}

/** An edition's report: per language planned, sent, failed, skipped, bounced, complained, pending, unhandled. */
export interface EditionReport {
  readonly edition: string;
  readonly status: 'not-started' | 'dispatching' | 'dispatched';
  readonly skippedLanguages: readonly Language[];
  readonly languages: Partial<Record<Language, LanguageReport>>;
}

/** Builds the report from the send record and the per-recipient delivery records (so it always adds up). */
export async function editionReport(deps: ReportDeps, edition: string): Promise<EditionReport> {
  const record = await deps.sends.get(edition);
  if (!record) return { edition, status: 'not-started', skippedLanguages: [], languages: {} };
  const deliveries = await deps.deliveries.list(edition);
  return {
    edition,
    status: record.status,
    skippedLanguages: record.skipped,
    languages: summarize(record.planned, deliveries),
  };
}
