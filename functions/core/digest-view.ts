import type { Commentary, Trend } from './commentary.ts';
import { type Editorial, inEditionOrder, isRemoved, NO_EDITORIAL, rankKeys } from './editorial.ts';
import type { Language } from './language.ts';

/** The commentaries one language's digest shows; `source` is set when they come from a fallback language. */
export interface LanguagePlan {
  language: Language;
  source?: Language;
  items: Commentary[];
}

/** One commentary as a digest e-mail shows it. */
export interface DigestItem {
  topic: string;
  trend?: Trend;
  title: string;
  /** Inline HTML (no surrounding `<p>`); raw HTML from the Markdown is escaped, never passed through. */
  leadHtml: string;
  leadText: string;
  url: string;
  sample?: boolean;
}

/** Why a language of an edition is not sent: it has no commentary, or the editors removed every one. */
export type SkipReason = 'no-commentaries' | 'all-removed';

/** What an edition's send plans: each language's items, the languages not sent and why, the items removed. */
export interface EditionPlan {
  plans: LanguagePlan[];
  skipped: Language[];
  why: Partial<Record<Language, SkipReason>>;
  removed: Partial<Record<Language, string[]>>;
}

/** A skipped language's reason in a sentence's words (the editors' report, the CLI). */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  'no-commentaries': 'no commentaries',
  'all-removed': 'every item removed by the editors',
};

/**
 * For each language, the edition's commentaries in that language (less those the editors removed), else those of the
 * first fallback language that has some, in the edition's order (rankKeys: the same in every language); languages
 * left with nothing are listed in `skipped`, with the reason in `why`; `removed` has, per language, the keys of the
 * stored items the editors took out.
 */
export function planEditionLanguages(
  edition: string,
  commentaries: Commentary[],
  languages: Language[],
  fallbacks: Partial<Record<Language, Language[]>>,
  editorial: Editorial = NO_EDITORIAL,
): EditionPlan {
  const byLanguage = new Map<Language, Commentary[]>();
  const ofEdition = commentaries.filter((c) => c.edition === edition);
  const stored = new Set(ofEdition.map((c) => c.language));
  const kept = ofEdition.filter((c) => !isRemoved(editorial, c));
  const removed: Partial<Record<Language, string[]>> = {};
  for (const c of ofEdition) if (isRemoved(editorial, c)) removed[c.language] = [...(removed[c.language] ?? []), c.key];
  const ranks = rankKeys(kept, editorial.order);
  for (const item of kept) byLanguage.set(item.language, [...(byLanguage.get(item.language) ?? []), item]);
  const why: Partial<Record<Language, SkipReason>> = {};
  const plans: LanguagePlan[] = [];
  const skipped: Language[] = [];
  for (const language of languages) {
    const source = [language, ...(fallbacks[language] ?? [])].find((l) => (byLanguage.get(l)?.length ?? 0) > 0);
    if (source === undefined) {
      skipped.push(language);
      why[language] = stored.has(language) ? 'all-removed' : 'no-commentaries';
      continue;
    }
    const items = inEditionOrder(byLanguage.get(source) ?? [], ranks);
    plans.push(source === language ? { language, items } : { language, source, items });
  }
  return { plans, skipped, why, removed };
}

/** The digest's view of each commentary; its lead was rendered to safe HTML and text when it was imported. */
export function toDigestItems(items: Commentary[]): DigestItem[] {
  return items.map((item) => {
    const view: DigestItem = {
      topic: item.topic,
      title: item.title,
      leadHtml: item.leadHtml,
      leadText: item.leadText,
      url: item.url,
    };
    const trend = item.trend ?? item.feedTrend;
    if (trend !== undefined) view.trend = trend;
    if (item.sample) view.sample = true;
    return view;
  });
}
