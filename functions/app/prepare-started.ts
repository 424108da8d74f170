import { renderStartedPreviewMail } from '../../templates/editor-mails.ts';
import { personalizeDigest } from '../../templates/personalize.ts';
import { isComplete } from '../core/edition-summary.ts';
import type { Language } from '../core/language.ts';
import type { RenderedEmail } from '../core/rendered-email.ts';
import type { LanguageReport, SendRecord } from '../core/send.ts';
import type { RenderStore } from './ports/render-store.ts';
import { mailPreviewsOnce, type PreviewMailDeps, type PreviewsMailed } from './preview-mail.ts';
import { editionReport, type ReportDeps } from './report.ts';

/** What `prepare` reads of an edition whose send started: its report and the digests as they were sent. */
export interface StartedDeps extends PreviewMailDeps {
  readonly report: ReportDeps;
  readonly renders: Pick<RenderStore, 'get'>;
  readonly publicUrl: string;
}

/** What a prepare result says of the previews: mailed now, mailed by an earlier run, and SES answers lost. */
export function previewCounts(p: PreviewsMailed) {
  return {
    previews: p.mailed,
    previewsBefore: p.before,
    ...(p.uncertain > 0 ? { previewsUncertain: p.uncertain } : {}),
  };
}

/** Where a started edition's send stood when `prepare` ran: its status, its start and the figures so far. */
export interface StartedAnswer {
  /** `sent` once every e-mail was handed to SES or settled (isComplete), else `sending`. */
  readonly status: 'sending' | 'sent';
  /** When the send started (ISO 8601). */
  readonly startedAt: string;
  readonly sent: Partial<Record<Language, LanguageReport>>;
}

/**
 * `prepare` for an edition whose send started (or finished): nothing can be held or changed, so no feed is pulled
 * and no hold link mailed; each editor gets a preview saying so, with the send's figures and the digests as sent.
 */
export async function previewStarted(deps: StartedDeps, record: SendRecord, held: boolean) {
  const { edition } = record;
  const report = await editionReport(deps.report, edition);
  const sample = `${deps.publicUrl}/unsubscribe?token=preview`;
  const digests: { language: Language; digest: RenderedEmail }[] = [];
  for (const language of Object.keys(record.languages) as Language[]) {
    const rendered = await deps.renders.get(edition, language);
    if (rendered) digests.push({ language, digest: personalizeDigest(rendered, sample) });
  }
  const started: StartedAnswer = {
    status: isComplete(record.status, report.languages) ? 'sent' : 'sending',
    startedAt: new Date(record.startedAt).toISOString(),
    sent: report.languages,
  };
  const mail = renderStartedPreviewMail({
    edition,
    ...started,
    languages: report.languages,
    skipped: record.skipped,
    ...(record.why ? { why: record.why } : {}),
    ...(record.removed ? { removed: record.removed } : {}),
    digests,
  });
  const previews = await mailPreviewsOnce(deps, edition, 'started', mail);
  deps.log.info('prepare: edition already started, previews without hold link', {
    edition,
    status: started.status,
    ...previews,
  });
  return {
    edition,
    feeds: [],
    languages: {},
    skipped: [...record.skipped],
    held,
    ...previewCounts(previews),
    started,
  };
}
