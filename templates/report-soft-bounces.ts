import { type Language, languageInfo } from '../functions/core/language.ts';
import emailReportTexts from './compiled/messages/email.report.json' with { type: 'json' };
import { translator } from './messages.ts';

const t = /* @__PURE__ */ translator(emailReportTexts);

/** Readers an edition's soft bounces suppressed (its K-th bounced edition in a row), per language. */
export interface SoftBounceSuppressions {
  readonly edition: string;
  readonly counts: Partial<Record<Language, number>>;
}

/** One line per edition and language with suppressions, in that language (its catalogue's plural forms). */
export function softBounceLines(limit: number, editions: readonly SoftBounceSuppressions[]) {
  return editions.flatMap(({ edition, counts }) =>
    (Object.entries(counts) as [Language, number][])
      .filter(([, n]) => n > 0)
      .map(([lang, n]) => ({
        lang,
        text: `${languageInfo(lang).englishName}: ${t.plural(lang, 'email.report.softBounces', n, { edition, limit })}`,
      })),
  );
}
