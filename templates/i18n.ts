import { LANGUAGES, type Language } from '../functions/core/language.ts';
import texts from './compiled/messages.json' with { type: 'json' };
import { type MessageKey, translator } from './messages.ts';

// Every catalogue whole (templates/compiled/messages.json), for what may show any message: the widget's script, the
// local home page, the tests. A module a Lambda function bundles makes its own translator from the parts it names
// instead (templates/messages.ts; the bundle-contents test keeps this file out of every function).
const all = /* @__PURE__ */ translator(texts);

export { inLanguage, languageName, type MessageKey } from './messages.ts';

/** Every message of `lang`'s catalogue. */
export function catalogue(lang: Language): Readonly<Record<string, string>> {
  return all.catalogue(lang);
}

/** The message `key` in `lang` with `{name}` placeholders filled; falls back to English, then to the key. */
export function t(lang: Language, key: MessageKey | string, vars: Record<string, string | number> = {}): string {
  return all(lang, key, vars);
}

/** A counted message in `lang` by its plural rules (see Translator.plural). */
export function tp(lang: Language, key: string, count: number, vars: Record<string, string | number> = {}): string {
  return all.plural(lang, key, count, vars);
}

/** The key sets of every catalogue, for the completeness test. */
export function catalogueKeys(): Record<Language, string[]> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, Object.keys(catalogue(lang))])) as Record<
    Language,
    string[]
  >;
}
