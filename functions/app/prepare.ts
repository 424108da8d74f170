import { type PreviewFeed, type PreviewLanguage, renderPreviewMail } from '../../templates/editor-mails.ts';
import { personalizeDigest } from '../../templates/personalize.ts';
import { editionAt } from '../core/edition.ts';
import type { Language } from '../core/language.ts';
import type { KeyRing } from '../core/tokens.ts';
import { type EditionSettings, renderEdition } from './digest.ts';
import { holdUrl } from './hold-link.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { HoldStore } from './ports/hold-store.ts';
import type { RecipientIndex } from './ports/recipient-index.ts';
import { previewCounts, previewStarted, type StartedAnswer, type StartedDeps } from './prepare-started.ts';
import { mailPreviewsOnce } from './preview-mail.ts';
import { type PullFeedsDeps, type PullFeedsResult, pullFeeds } from './pull-feeds.ts';
import { everyConfirmedPage } from './recipients.ts';

/** Dependencies of `prepare` (with StartedDeps: the report, the sent digests, the editors' mailer). */
export interface PrepareDeps extends StartedDeps {
  readonly pull: PullFeedsDeps;
  readonly commentaries: CommentarySource;
  readonly settings: EditionSettings & { timeZone: string };
  readonly recipients: RecipientIndex;
  readonly holds: Pick<HoldStore, 'isHeld'>;
  readonly ring: KeyRing;
  readonly now: () => number;
}

/** What `prepare` did. */
export interface PrepareResult {
  readonly edition: string;
  readonly feeds: PullFeedsResult['feeds'];
  readonly languages: Partial<Record<Language, { commentaries: number; readers: number; source?: Language }>>;
  readonly skipped: readonly Language[];
  readonly held: boolean;
  /** How many editors were mailed the preview by this run. */
  readonly previews: number;
  /** Editors mailed (or possibly mailed) by an earlier run of this edition's prepare: not mailed again. */
  readonly previewsBefore: number;
  /** Editors whose preview SES may or may not have taken (its answer lost): not resent. */
  readonly previewsUncertain?: number;
  /** Set when the edition's send had started: no feed pulled, no hold link mailed, the figures are the send's. */
  readonly started?: StartedAnswer;
}

/**
 * Gets an edition ready before its send: pulls the feeds, renders every language's digest as it will go out, and
 * mails each editor one preview with the counts and a hold link. A failed feed is in the preview, never a stop.
 * For an edition whose send started, see previewStarted: no pull, no hold link, the send's own figures.
 */
export async function prepare(deps: PrepareDeps, input: { edition?: string } = {}): Promise<PrepareResult> {
  const edition = input.edition ?? editionAt(deps.now(), deps.settings.timeZone);
  const record = await deps.report.sends.get(edition);
  if (record) return previewStarted(deps, record, await deps.holds.isHeld(edition));
  const pulled = await pullFeeds(deps.pull, { edition });
  const { digests, skipped, why } = await renderEdition(deps.commentaries, deps.settings, edition);
  const sample = `${deps.publicUrl}/unsubscribe?token=preview`;
  const languages: PreviewLanguage[] = [];
  for (const d of digests) {
    let readers = 0;
    for await (const page of everyConfirmedPage(deps.recipients, d.plan.language, 1000)) readers += page.ids.length;
    languages.push({
      language: d.plan.language,
      commentaries: d.plan.items.length,
      readers,
      ...(d.plan.source ? { source: d.plan.source } : {}),
      digest: personalizeDigest(d.rendered, sample, `${deps.publicUrl}/erase?token=preview`),
    });
  }
  const held = await deps.holds.isHeld(edition);
  const mail = renderPreviewMail({
    edition,
    languages,
    skipped,
    why,
    feeds: pulled.feeds as PreviewFeed[],
    holdUrl: holdUrl(deps.publicUrl, deps.ring, edition, deps.settings.timeZone, deps.now()),
    held,
  });
  const previews = await mailPreviewsOnce(deps, edition, 'open', mail);
  deps.log.info('prepare: previews sent', { edition, ...previews, held });
  return {
    edition,
    feeds: pulled.feeds,
    languages: Object.fromEntries(
      languages.map((l) => [
        l.language,
        { commentaries: l.commentaries, readers: l.readers, ...(l.source ? { source: l.source } : {}) },
      ]),
    ),
    skipped,
    held,
    ...previewCounts(previews),
  };
}
