import type { Language } from '../functions/core/language.ts';
import be from './i18n/be.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import ru from './i18n/ru.json' with { type: 'json' };

/** Every message key; the English catalogue is the reference. */
export type MessageKey = keyof typeof en;

const CATALOGUES: Record<Language, Record<string, string>> = { en, be, ru };
const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

/** The message `key` in `lang` with `{name}` placeholders filled; falls back to English, then to the key. */
export function t(lang: Language, key: MessageKey | string, vars: Record<string, string | number> = {}): string {
  const template = CATALOGUES[lang][key] ?? CATALOGUES.en[key] ?? key;
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
  const catalogue = CATALOGUES[lang];
  const chosen = catalogue[`${key}.${form}`] !== undefined ? `${key}.${form}` : `${key}.other`;
  return t(lang, chosen, { count, ...vars });
}

/** The key sets of every catalogue, for the completeness test. */
export function catalogueKeys(): Record<Language, string[]> {
  return { en: Object.keys(en), be: Object.keys(be), ru: Object.keys(ru) };
}
