import { normalizeEmail } from '../core/email.ts';
import { SendFailure } from '../core/errors.ts';
import { subscriberIdFor } from '../core/identity.ts';
import type { Log } from './ports/log.ts';
import type { Mailer, OutgoingEmail } from './ports/mailer.ts';
import type { PreviewMarks } from './ports/preview-marks.ts';

/** What mailing the editors' previews needs. */
export interface PreviewMailDeps {
  readonly mailer: Mailer;
  readonly editors: readonly string[];
  readonly previewMarks: PreviewMarks;
  /** Keys the editors' ids in the marks (no address is stored). */
  readonly idKey: Uint8Array;
  readonly now: () => number;
  readonly log: Log;
}

/** How the previews went: mailed now, mailed (or possibly mailed) before, handed to SES without an answer. */
export interface PreviewsMailed {
  readonly mailed: number;
  readonly before: number;
  readonly uncertain: number;
}

/**
 * Mails each editor `mail` at most once per edition and stage, however often prepare runs or is retried: a mark is
 * created before the e-mail goes (one winner), `sent` after. When SES's answer is lost (it may have taken the
 * e-mail) the mark stays `uncertain` and the preview is never resent, as the deliverer does with a digest; when SES
 * certainly refused it, the mark is given back and the error thrown, so the retry mails that editor.
 */
export async function mailPreviewsOnce(
  deps: PreviewMailDeps,
  edition: string,
  stage: 'open' | 'started',
  mail: Omit<OutgoingEmail, 'to' | 'tags'>,
): Promise<PreviewsMailed> {
  let mailed = 0;
  let before = 0;
  let uncertain = 0;
  for (const to of deps.editors) {
    const editor = subscriberIdFor(deps.idKey, normalizeEmail(to).key);
    if (!(await deps.previewMarks.claim(edition, stage, editor, deps.now()))) {
      before++;
      continue;
    }
    try {
      await deps.mailer.send({ to, ...mail, tags: { edition, kind: 'preview' } });
    } catch (error) {
      if (!(error instanceof SendFailure && error.kind === 'uncertain')) {
        await deps.previewMarks.release(edition, stage, editor);
        throw error;
      }
      await deps.previewMarks.settle(edition, stage, editor, 'uncertain');
      deps.log.warn('prepare: SES answer lost for a preview, not resent', { edition, stage });
      uncertain++;
      continue;
    }
    await deps.previewMarks.settle(edition, stage, editor, 'sent');
    mailed++;
  }
  return { mailed, before, uncertain };
}
