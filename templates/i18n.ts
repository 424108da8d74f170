import type { Language } from '../functions/core/language.ts';
import texts from './compiled/messages.json' with { type: 'json' };
import type en from './i18n/en.json';

/** Every message key; the English catalogue is the reference. */
export type MessageKey = keyof typeof en;

// The catalogues arrive as JSON text (templates/build.ts writes compiled/messages.json from i18n/*.json) and each
// is parsed on its first use: ~35 KB of object literals cost a function's module init several times more to
// compile and build than a string costs to scan and JSON.parse (issue 14).
const PARSED = new Map<Language, Record<string, string>>();
const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

function catalogue(lang: Language): Record<string, string> {
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
 * (Belarusian and Russian have one/few/many), with `{count}` filled in.
 */
export function tp(lang: Language, key: string, count: number, vars: Record<string, string | number> = {}): string {
  let rules = PLURAL_RULES.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    PLURAL_RULES.set(lang, rules);
  }
  const form = rules.select(count);
  const chosen = catalogue(lang)[`${key}.${form}`] !== undefined ? `${key}.${form}` : `${key}.other`;
  return t(lang, chosen, { count, ...vars });
}

/** The key sets of every catalogue, for the completeness test. */
export function catalogueKeys(): Record<Language, string[]> {
  return { en: Object.keys(catalogue('en')), be: Object.keys(catalogue('be')), ru: Object.keys(catalogue('ru')) };
}
