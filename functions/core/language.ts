import { CATALOGUE_CODES, CATALOGUE_INFO } from './compiled/languages.ts';

/**
 * The languages a reader can choose, in the order they are offered: one per message catalogue
 * (templates/i18n/<code>.json), English first, then by code. build:templates writes compiled/languages.ts from the
 * catalogues found, so adding a language is adding its catalogue.
 */
export const LANGUAGES = CATALOGUE_CODES;

/** One of the supported languages. */
export type Language = (typeof LANGUAGES)[number];

/** What a language's catalogue says about it. */
export interface LanguageInfo {
  /** Its name in itself (`Беларуская`), as every language picker offers it. */
  readonly name: string;
  /** Its name in English (`Belarusian`). */
  readonly englishName: string;
  /** The `Intl` locale of its dates and plural rules. */
  readonly locale: string;
}

/** True when the value names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The names and locale of a supported language. */
export function languageInfo(code: Language): LanguageInfo {
  return CATALOGUE_INFO[code];
}

/** The codes as an error message spells them: `en, be or ru`. */
export function languageChoices(conjunction = 'or'): string {
  const codes: readonly string[] = LANGUAGES;
  return codes.length < 2 ? codes.join('') : `${codes.slice(0, -1).join(', ')} ${conjunction} ${codes.at(-1)}`;
}
