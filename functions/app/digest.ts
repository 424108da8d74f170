import { renderWebVersion } from '../../templates/archive.ts';
import type { Outlet } from '../../templates/common.ts';
import { type DigestView, headlines, renderDigest } from '../../templates/digest.ts';
import type { Commentary } from '../core/commentary.ts';
import { type EditionPlan, type LanguagePlan, planEditionLanguages, toDigestItems } from '../core/digest-view.ts';
import { formatEditionRange } from '../core/edition.ts';
import { NO_EDITORIAL } from '../core/editorial.ts';
import type { Language } from '../core/language.ts';
import type { RenderedEmail } from '../core/rendered-email.ts';
import type { CommentarySource } from './ports/commentary-source.ts';

/** What decides which languages an edition goes out in. */
export interface EditionSettings {
  readonly languages: readonly Language[];
  readonly fallbacks: Partial<Record<Language, Language[]>>;
  /** The publisher's details for masthead and footer (and the web version's links). */
  readonly outlet?: Outlet;
}

/** One language's digest of an edition, rendered once; the manage link is still a placeholder. */
export interface LanguageDigest {
  readonly plan: LanguagePlan;
  readonly rendered: RenderedEmail;
  /** The web version for the archive (when the outlet is configured): title, headlines and the page. */
  readonly web?: { readonly title: string; readonly summary: string; readonly html: string };
}

/** Plans and renders an edition's digest in every language that has commentaries (or a fallback). */
export async function renderEdition(
  commentaries: CommentarySource,
  settings: EditionSettings,
  edition: string,
): Promise<Omit<EditionPlan, 'plans'> & { digests: LanguageDigest[] }> {
  const [all, editorial] = await Promise.all([commentaries.listByEdition(edition), commentaries.editorial(edition)]);
  const wanted = [...settings.languages];
  const { plans, skipped, why, removed } = planEditionLanguages(edition, all, wanted, settings.fallbacks, editorial);
  const languages = plans.map((p) => p.language);
  const digests = plans.map((plan): LanguageDigest => {
    const view: DigestView = {
      language: plan.language,
      edition,
      dateRange: formatEditionRange(edition, plan.language),
      items: toDigestItems(plan.items),
      ...(editorial.notes[plan.language] ? { note: editorial.notes[plan.language] } : {}),
      ...(plan.source ? { fallbackLanguage: plan.source } : {}),
      ...(settings.outlet ? { outlet: settings.outlet } : {}),
    };
    const rendered = renderDigest(view);
    const outlet = settings.outlet;
    if (!outlet) return { plan, rendered };
    const web = {
      title: rendered.subject,
      summary: headlines(view),
      html: renderWebVersion({ ...view, outlet }, languages),
    };
    return { plan, rendered, web };
  });
  return { digests, skipped, why, removed };
}

/**
 * The largest digest HTML an import or a feed pull may lead to (bytes): Gmail clips a message over 102 KB. Here, not
 * in import-commentaries.ts, so that the feed pull does not bundle the commentary file parser (yaml, marked).
 */
export const MAX_DIGEST_BYTES = 100_000;

/** The largest digest (bytes of HTML, any language) of an edition made of `items`, as its send would render it. */
export async function largestDigest(settings: EditionSettings, edition: string, items: Commentary[]) {
  const source = { listByEdition: async () => items, editorial: async () => NO_EDITORIAL };
  const { digests } = await renderEdition(source, settings, edition);
  let largest = { language: '', bytes: 0 };
  for (const d of digests) {
    const bytes = Buffer.byteLength(d.rendered.html);
    if (bytes > largest.bytes) largest = { language: d.plan.language, bytes };
  }
  return largest;
}
