import { type Language, languageInfo } from '../functions/core/language.ts';
import metaTexts from './compiled/messages/_.json' with { type: 'json' };
import languageTexts from './compiled/messages/language.json' with { type: 'json' };
import type en from './i18n/en.json';

/** Every message key; the English catalogue is the reference. */
export type MessageKey = keyof typeof en;

/** One part of every catalogue (templates/compiled/messages/<part>.json): language → its messages as JSON text. */
export type MessageTexts = Readonly<Record<string, string>>;

/** Looks messages up in the parts it was made of (see `translator`). */
export interface Translator {
  /** The message `key` in `lang` with `{name}` placeholders filled; falls back to English, then to the key. */
  (lang: Language, key: MessageKey | string, vars?: Record<string, string | number>): string;
  /**
   * A counted message: `key.one`, `key.few`, `key.many` or `key.other` by the language's plural rules (the
   * catalogue's `_.locale`; Belarusian and Russian have one/few/many), with `{count}` filled in.
   */
  plural(lang: Language, key: string, count: number, vars?: Record<string, string | number>): string;
  /** Every message of `lang` in these parts. */
  catalogue(lang: Language): Readonly<Record<string, string>>;
}

// The catalogues arrive as JSON text split by part (templates/message-parts.ts). Each module makes its translator
// from the parts whose keys it names, as a pure call, so a function's bundle carries only the parts of the code it
// runs (issue 25), and a module that forgets a part shows the key in every test that renders it. A part is parsed on
// its language's first lookup: ~35 KB of object literals cost module init several times more to compile and build
// than a string costs to scan and JSON.parse (issue 14).
const PARSED = new WeakMap<MessageTexts, Map<string, Record<string, string>>>();
const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

function parsed(part: MessageTexts, lang: Language): Record<string, string> {
  let byLanguage = PARSED.get(part);
  if (!byLanguage) {
    byLanguage = new Map();
    PARSED.set(part, byLanguage);
  }
  let messages = byLanguage.get(lang);
  if (!messages) {
    const text = part[lang];
    messages = text === undefined ? {} : (JSON.parse(text) as Record<string, string>);
    byLanguage.set(lang, messages);
  }
  return messages;
}

function pluralRules(lang: Language): Intl.PluralRules {
  let rules = PLURAL_RULES.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(languageInfo(lang).locale);
    PLURAL_RULES.set(lang, rules);
  }
  return rules;
}

/** A translator over `parts` (make it at module level with a `@__PURE__` mark, so an unused one is dropped). */
export function translator(...parts: MessageTexts[]): Translator {
  const merged = new Map<Language, Record<string, string>>();
  const catalogue = (lang: Language): Record<string, string> => {
    let messages = merged.get(lang);
    if (!messages) {
      messages = Object.assign({}, ...parts.map((part) => parsed(part, lang))) as Record<string, string>;
      merged.set(lang, messages);
    }
    return messages;
  };
  const t = (lang: Language, key: string, vars: Record<string, string | number> = {}): string => {
    const template = catalogue(lang)[key] ?? catalogue('en')[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars[name] === undefined ? whole : String(vars[name]),
    );
  };
  const plural = (lang: Language, key: string, count: number, vars: Record<string, string | number> = {}) => {
    const form = pluralRules(lang).select(count);
    const chosen = catalogue(lang)[`${key}.${form}`] !== undefined ? `${key}.${form}` : `${key}.other`;
    return t(lang, chosen, { count, ...vars });
  };
  return Object.assign(t, { plural, catalogue });
}

const meta = /* @__PURE__ */ translator(metaTexts, languageTexts);

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
    const named = meta.catalogue(lang)[`language.in.${code}`];
    if (named !== undefined) return named;
  }
  return meta(code, '_.inPhrase');
}
