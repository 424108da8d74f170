import type { Commentary, Trend } from './commentary.ts';
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

/**
 * The documented digest order: by date ascending, then topic (collated in the items' language), then key.
 * Returns a new array.
 */
export function orderCommentaries(items: Commentary[]): Commentary[] {
  const languages = new Set(items.map((item) => item.language));
  const collator = new Intl.Collator(languages.size === 1 ? [...languages] : 'en');
  return [...items].sort(
    (a, b) => compare(a.date, b.date) || collator.compare(a.topic, b.topic) || compare(a.key, b.key),
  );
}

/**
 * For each language, the edition's commentaries in that language, else those of the first fallback language
 * that has some; languages left with nothing are listed in `skipped`.
 */
export function planEditionLanguages(
  edition: string,
  commentaries: Commentary[],
  languages: Language[],
  fallbacks: Partial<Record<Language, Language[]>>,
): { plans: LanguagePlan[]; skipped: Language[] } {
  const byLanguage = new Map<Language, Commentary[]>();
  for (const item of commentaries) {
    if (item.edition !== edition) continue;
    byLanguage.set(item.language, [...(byLanguage.get(item.language) ?? []), item]);
  }
  const plans: LanguagePlan[] = [];
  const skipped: Language[] = [];
  for (const language of languages) {
    const source = [language, ...(fallbacks[language] ?? [])].find((l) => (byLanguage.get(l)?.length ?? 0) > 0);
    if (source === undefined) {
      skipped.push(language);
      continue;
    }
    const items = orderCommentaries(byLanguage.get(source) ?? []);
    plans.push(source === language ? { language, items } : { language, source, items });
  }
  return { plans, skipped };
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
    if (item.trend !== undefined) view.trend = item.trend;
    if (item.sample) view.sample = true;
    return view;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
