import { LANGUAGES, type Language, languageInfo } from '../functions/core/language.ts';
import texts from './compiled/messages.json' with { type: 'json' };
import type en from './i18n/en.json';

/** Every message key; the English catalogue is the reference. */
export type MessageKey = keyof typeof en;

// The catalogues arrive as JSON text (templates/build.ts writes compiled/messages.json from i18n/*.json) and each
// is parsed on its first use: ~35 KB of object literals cost a function's module init several times more to
// compile and build than a string costs to scan and JSON.parse (issue 14).
const PARSED = new Map<Language, Record<string, string>>();
const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

/** Every message of `lang`'s catalogue (parsed once). */
export function catalogue(lang: Language): Readonly<Record<string, string>> {
  let parsed = PARSED.get(lang);
  if (!parsed) {
    parsed = JSON.parse((texts as Record<Language, string>)[lang]) as Record<string, string>;
    PARSED.set(lang, parsed);
  }
  return parsed;
}

/** The message `key` in `lang` with `{name}` placeholders filled; falls back to English, then to the key. */
export function t(lang: Language, key: MessageKey | string, vars: Record<string, string | number> = {}): string {
  const template = catalogue(lang)[key] ?? catalogue('en')[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : String(vars[name]),
  );
}

/**
 * A counted message: looks up `key.one`, `key.few`, `key.many` or `key.other` by the language's plural rules
 * (the catalogue's `_.locale`; Belarusian and Russian have one/few/many), with `{count}` filled in.
 */
export function tp(lang: Language, key: string, count: number, vars: Record<string, string | number> = {}): string {
  let rules = PLURAL_RULES.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(languageInfo(lang).locale);
    PLURAL_RULES.set(lang, rules);
  }
  const form = rules.select(count);
  const chosen = catalogue(lang)[`${key}.${form}`] !== undefined ? `${key}.${form}` : `${key}.other`;
  return t(lang, chosen, { count, ...vars });
}

/** The key sets of every catalogue, for the completeness test. */
export function catalogueKeys(): Record<Language, string[]> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, Object.keys(catalogue(lang))])) as Record<
    Language,
    string[]
  >;
}

/** A language's name in itself (its catalogue's `_.name`), as language pickers offer it. */
export function languageName(code: Language): string {
  return languageInfo(code).name;
}

/**
 * "in <language>" as a sentence in `lang` says it: the catalogue's own `_.inPhrase` for itself; for another language
 * its `language.in.<code>` when it has one, else that language's own phrase (a catalogue need not name every other
 * language, so adding one touches no other catalogue).
 */
export function inLanguage(lang: Language, code: Language): string {
  if (code !== lang) {
    const named = catalogue(lang)[`language.in.${code}`];
    if (named !== undefined) return named;
  }
  return t(code, '_.inPhrase');
}
