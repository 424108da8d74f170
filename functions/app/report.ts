import type { Language } from '../core/language.ts';
import { type Delivery, type LanguageReport, type SendRecord, summarize } from '../core/send.ts';

/** What the report reads (DynamoSendStore on the stand-ins and on AWS). */
export interface ReportStore {
  getSend(edition: string): Promise<SendRecord | undefined>;
  listDeliveries(edition: string): Promise<Delivery[]>;
}

/** An edition's report: per language planned, sent, failed, skipped, bounced, complained, pending, unhandled. */
export interface EditionReport {
  readonly edition: string;
  readonly status: 'not-started' | 'dispatching' | 'dispatched';
  readonly skippedLanguages: readonly Language[];
  readonly languages: Partial<Record<Language, LanguageReport>>;
}

/** Builds the report from the send record and the per-recipient delivery records (so it always adds up). */
export async function editionReport(sends: ReportStore, edition: string): Promise<EditionReport> {
  const record = await sends.getSend(edition);
  if (!record) return { edition, status: 'not-started', skippedLanguages: [], languages: {} };
  const deliveries = await sends.listDeliveries(edition);
  return {
    edition,
    status: record.status,
    skippedLanguages: record.skipped,
    languages: summarize(record.planned, deliveries),
  };
}
