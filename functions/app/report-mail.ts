import { renderReportMail } from '../../templates/editor-mails.ts';
import type { SoftBounceSuppressions } from '../../templates/report-soft-bounces.ts';
import { previousEdition } from '../core/edition.ts';
import { SendFailure } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import { type FeedSkipDeps, feedSkipsOf } from './feed-skips.ts';
import type { Log } from './ports/log.ts';
import type { Mailer, OutgoingEmail } from './ports/mailer.ts';
import type { ReaderWeeks } from './ports/reader-weeks.ts';
import type { ReportMarks } from './ports/report-marks.ts';
import { type CompletionDeps, completedReport } from './report.ts';

/** Dependencies of the report e-mail. */
export interface ReportMailDeps extends CompletionDeps, FeedSkipDeps {
  readonly marks: ReportMarks;
  /** The week's confirmations and unsubscribes (a few reads, no scan). */
  readonly weeks: ReaderWeeks;
  readonly mailer: Mailer;
  readonly editors: readonly string[];
  readonly timeZone: string;
  /** K: consecutive soft-bounced editions that suppress a reader (SOFT_BOUNCE_LIMIT). */
  readonly softBounceLimit: number;
  readonly now: () => number;
  readonly log: Log;
}

/** How long a taken mark holds without its report finishing (a deliverer lives at most a minute). */
export const MARK_MS = 5 * 60_000;

/** What a completion check came to. */
export type ReportMailOutcome = 'sent' | 'incomplete' | 'already-sent' | 'no-editors';

/**
 * Once every one of the edition's e-mails was handed to SES or settled (dispatch finished, nothing pending, nothing
 * unhandled), records its summary (also without editors) and mails each editor the report. A conditional mark makes
 * it exactly one report, also when the completion is seen twice or by two processes at once.
 */
export async function mailReportWhenComplete(deps: ReportMailDeps, edition: string): Promise<ReportMailOutcome> {
  const report = await completedReport(deps, edition);
  if (!report) return 'incomplete';
  if (deps.editors.length === 0) return 'no-editors';
  const now = deps.now();
  if (!(await deps.marks.claim(edition, now, now + MARK_MS))) return 'already-sent';
  try {
    const week = await deps.weeks.counts(edition);
    const feeds = await feedSkipsOf(deps, edition);
    const { languages, skippedLanguages: skipped, skippedWhy: why, removed } = report;
    // When the send started: a send longer than a day (SES's quota, a pause) says so in the report.
    const startedAt = (await deps.sends.get(edition))?.startedAt;
    const span = startedAt === undefined ? {} : { span: { startedAt, finishedAt: now } };
    const editions = await softBounceEditions(deps, edition, report.suppressedAfterSoftBounces);
    const softBounces = { limit: deps.softBounceLimit, editions };
    const mail = renderReportMail({
      edition,
      languages,
      skipped,
      ...(why ? { why } : {}),
      removed,
      feeds,
      week,
      ...span,
      softBounces,
    });
    for (const to of deps.editors) await mailOnce(deps, to, { ...mail, tags: { edition, kind: 'report' } });
  } catch (error) {
    await deps.marks.release(edition);
    throw error;
  }
  await deps.marks.complete(edition);
  deps.log.info('report: mailed to the editors', { edition, editors: deps.editors.length });
  return 'sent';
}

/** Weeks looked back for the previous edition that was sent (one read each). */
const LOOK_BACK_WEEKS = 12;

/**
 * The soft-bounce suppressions the report of `edition` names: those of the previous edition sent (within 12 weeks;
 * its bounces mostly arrive after its own report went out, so its whole count is told here) and those of `edition`
 * itself that arrived before its report (told again, whole, in the next edition's report).
 */
async function softBounceEditions(
  deps: ReportMailDeps,
  edition: string,
  own: Partial<Record<Language, number>> | undefined,
): Promise<SoftBounceSuppressions[]> {
  const found: SoftBounceSuppressions[] = [];
  let previous = edition;
  for (let i = 0; i < LOOK_BACK_WEEKS; i++) {
    previous = previousEdition(previous);
    if (!(await deps.sends.get(previous))) continue;
    found.push({ edition: previous, counts: (await deps.feedback.suppressedCounts?.(previous)) ?? {} });
    break;
  }
  if (own) found.push({ edition, counts: own });
  return found;
}

/** Mails one editor; an answer SES lost (it may have taken the e-mail) is not an error to retry the report for. */
async function mailOnce(deps: ReportMailDeps, to: string, mail: Omit<OutgoingEmail, 'to'>): Promise<void> {
  try {
    await deps.mailer.send({ to, ...mail });
  } catch (error) {
    if (!(error instanceof SendFailure && error.kind === 'uncertain')) throw error;
    deps.log.warn('report: SES answer lost, not resent', { edition: mail.tags?.edition });
  }
}
