import { renderReportMail } from '../../templates/editor-mails.ts';
import { SendFailure } from '../core/errors.ts';
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
    const mail = renderReportMail({
      edition,
      languages,
      skipped,
      ...(why ? { why } : {}),
      removed,
      feeds,
      week,
      ...span,
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

/** Mails one editor; an answer SES lost (it may have taken the e-mail) is not an error to retry the report for. */
async function mailOnce(deps: ReportMailDeps, to: string, mail: Omit<OutgoingEmail, 'to'>): Promise<void> {
  try {
    await deps.mailer.send({ to, ...mail });
  } catch (error) {
    if (!(error instanceof SendFailure && error.kind === 'uncertain')) throw error;
    deps.log.warn('report: SES answer lost, not resent', { edition: mail.tags?.edition });
  }
}
