import { personalizeDigest } from '../../templates/personalize.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { Language } from '../core/language.ts';
import type { RenderedEmail } from '../core/rendered-email.ts';
import { type EditionSettings, type LanguageDigest, renderEdition } from './digest.ts';
import type { CommentarySource } from './ports/commentary-source.ts';
import type { DispatchStarter } from './ports/dispatch-starter.ts';
import type { HoldStore } from './ports/hold-store.ts';
import type { RecipientIndex } from './ports/recipient-index.ts';
import type { SenderVerification } from './ports/sender-verification.ts';
import { everyConfirmedPage } from './recipients.ts';
import { type EditionReport, editionReport, type ReportDeps } from './report.ts';
import { requireVerifiedSender } from './sender-check.ts';

/** What the editors' edition actions read. */
export interface EditionDeps {
  readonly commentaries: CommentarySource;
  readonly settings: EditionSettings;
  readonly sends: ReportDeps['sends'];
  readonly deliveries: ReportDeps['deliveries'];
  readonly summaries: ReportDeps['summaries'];
  readonly feedback: ReportDeps['feedback'];
  readonly holds: Pick<HoldStore, 'isHeld'>;
  readonly recipients: RecipientIndex;
  readonly starter: DispatchStarter;
  /** SES's word on the sender's identity: no send starts while it may not send. */
  readonly sender: SenderVerification;
  readonly publicUrl: string;
}

/** The report with whether the edition is held. */
export type EditionStatus = EditionReport & { readonly held: boolean };

/** An edition's digests; NotFoundError when it has no commentary in any language. */
export async function editionDigests(deps: Pick<EditionDeps, 'commentaries' | 'settings'>, edition: string) {
  const rendered = await renderEdition(deps.commentaries, deps.settings, edition);
  if (rendered.digests.length === 0)
    throw new NotFoundError('unknown_edition', `no commentaries for ${edition}; import some first`);
  return rendered;
}

/** The report of an edition; NotFoundError for an edition that neither started nor has commentaries. */
export async function editionStatus(deps: EditionDeps, edition: string): Promise<EditionStatus> {
  const [report, held] = await Promise.all([editionReport(deps, edition), deps.holds.isHeld(edition)]);
  if (report.status === 'not-started') await editionDigests(deps, edition);
  return { ...report, held };
}

/** One language's digest as it will be sent (with sample manage and erase links); NotFoundError without one. */
export async function previewDigest(deps: EditionDeps, edition: string, language: Language): Promise<RenderedEmail> {
  const digest = findDigest((await editionDigests(deps, edition)).digests, language, edition);
  return personalizeDigest(
    digest.rendered,
    `${deps.publicUrl}/unsubscribe?token=preview`,
    `${deps.publicUrl}/erase?token=preview`,
  );
}

/** The digest in `language`; NotFoundError when the edition goes out without it. */
export function findDigest(digests: readonly LanguageDigest[], language: Language, edition: string): LanguageDigest {
  const digest = digests.find((d) => d.plan.language === language);
  if (!digest) throw new NotFoundError('unknown_language', `${edition} has no digest in ${language}`);
  return digest;
}

/** What a send would do now: per language its commentaries and confirmed readers; nothing is written. */
export async function planSend(deps: EditionDeps, edition: string) {
  const { digests, skipped, why } = await editionDigests(deps, edition);
  const languages: Partial<Record<Language, { commentaries: number; readers: number; source?: Language }>> = {};
  for (const d of digests) {
    let readers = 0;
    for await (const page of everyConfirmedPage(deps.recipients, d.plan.language, 1000)) readers += page.ids.length;
    languages[d.plan.language] = {
      commentaries: d.plan.items.length,
      readers,
      ...(d.plan.source ? { source: d.plan.source } : {}),
    };
  }
  return { edition, held: await deps.holds.isHeld(edition), languages, skipped, why };
}

/** The week the editors' clock is in, and the edition a request confirmed sending (`{"confirm":"<edition>"}`). */
export interface SendConfirmation {
  readonly current: string;
  readonly confirm?: string | undefined;
}

/**
 * Starts an edition's send unless it is held or its sender's identity is not verified in SES (ConflictError
 * `edition_held`, `sender_not_verified`) or it has nothing to send (NotFoundError). Starting one that started before
 * is harmless: the dispatcher's conditional write lets a send begin only once. An edition other than the current week
 * starts only when the request names it (`confirm`); otherwise ConflictError `confirm_required` naming its readers per
 * language, and nothing is written.
 */
export async function startSend(deps: EditionDeps, edition: string, confirm: SendConfirmation) {
  if (await deps.holds.isHeld(edition)) throw new ConflictError('edition_held', `${edition} is held; release it first`);
  await editionDigests(deps, edition);
  await requireVerifiedSender(deps.sender);
  if (edition !== confirm.current && confirm.confirm !== edition) {
    const { languages } = await planSend(deps, edition);
    const readers = Object.entries(languages)
      .map(([language, p]) => `${language} ${p.readers}`)
      .join(', ');
    throw new ConflictError(
      'confirm_required',
      `${edition} is not the current week (${confirm.current}); it would go to ${readers || 'no'} readers: send it with {"confirm":"${edition}"} (CLI --yes)`,
    );
  }
  const before = await deps.sends.get(edition);
  await deps.starter.start(edition);
  return { edition, status: before ? ('already-started' as const) : ('started' as const) };
}
