import type { Language } from './language.ts';
import type { LanguageReport } from './send.ts';

/** One language's settled figures of a completed edition (a bounced or complained e-mail counts as sent). */
export interface SettledCounts {
  readonly planned: number;
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
  /** Written only when some (and absent in summaries from before uncertain outcomes were counted). */
  readonly uncertain?: number;
}

/** A completed edition's figures per language, written once when nothing is left to send. */
export type EditionSummary = Partial<Record<Language, SettledCounts>>;

/** Per language, how many distinct readers of an edition bounced and how many complained. */
export type FeedbackCounts = Partial<Record<Language, { bounced: number; complained: number }>>;

/** The bounce and complaint kinds an edition's feedback counts keep apart. */
export const FEEDBACK_KINDS = ['bounced', 'complained'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** True once an edition's dispatch finished and every planned e-mail was handed to SES or settled. */
export function isComplete(
  status: 'dispatching' | 'dispatched',
  languages: Partial<Record<Language, LanguageReport>>,
): boolean {
  return status === 'dispatched' && Object.values(languages).every((r) => r.pending === 0 && r.unhandled === 0);
}

/** The summary to store of a complete edition's report rows. */
export function summaryOf(languages: Partial<Record<Language, LanguageReport>>): EditionSummary {
  const out: EditionSummary = {};
  for (const [l, r] of Object.entries(languages) as [Language, LanguageReport][])
    out[l] = {
      planned: r.planned,
      sent: r.sent,
      failed: r.failed,
      skipped: r.skipped,
      ...(r.uncertain ? { uncertain: r.uncertain } : {}),
    };
  return out;
}

/** The report rows of a completed edition: its summary with the feedback counts (nothing pending, nothing unhandled). */
export function fromSummary(
  summary: EditionSummary,
  feedback: FeedbackCounts,
): Partial<Record<Language, LanguageReport>> {
  const out: Partial<Record<Language, LanguageReport>> = {};
  for (const [l, s] of Object.entries(summary) as [Language, SettledCounts][]) {
    const f = feedback[l] ?? { bounced: 0, complained: 0 };
    out[l] = {
      ...s,
      uncertain: s.uncertain ?? 0,
      bounced: f.bounced,
      complained: f.complained,
      pending: 0,
      unhandled: 0,
    };
  }
  return out;
}

/** Adds `n` readers of `kind` in `language` to the counts. */
export function addFeedback(counts: FeedbackCounts, language: Language, kind: FeedbackKind, n: number): void {
  const row = counts[language] ?? { bounced: 0, complained: 0 };
  row[kind] += n;
  counts[language] = row;
}
