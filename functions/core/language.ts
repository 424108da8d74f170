/** The languages a reader can choose, in the order they are offered. */
export const LANGUAGES = ['en', 'be', 'ru'] as const;

/** One of the supported languages. */
export type Language = (typeof LANGUAGES)[number];

/** True when the value names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
