import { CATALOGUE_INFO } from '../compiled/languages.ts';
import { LANGUAGES, type Language } from '../language.ts';

/**
 * Every spelling a file may use for a language, lower-cased: its code, its name in itself and in English (from its
 * catalogue), and its name in every catalogue's language (from `Intl.DisplayNames` in that catalogue's locale:
 * `англійская`, `английский`). Built from the catalogues, so a new catalogue brings its names.
 */
function spellings(): Map<string, Language> {
  const names = new Map<string, Language>();
  const add = (name: string | undefined, code: Language) => {
    if (name) names.set(name.normalize('NFC').toLowerCase(), code);
  };
  for (const code of LANGUAGES) {
    add(code, code);
    add(CATALOGUE_INFO[code].name, code);
    add(CATALOGUE_INFO[code].englishName, code);
  }
  for (const speaker of LANGUAGES) {
    const display = new Intl.DisplayNames([CATALOGUE_INFO[speaker].locale], { type: 'language', fallback: 'none' });
    for (const code of LANGUAGES) add(display.of(code), code);
  }
  return names;
}

let known: Map<string, Language> | undefined;

/** The language a value names (`be`, `BE`, `be-BY`, `Belarusian`, `Беларуская`, `белорусский`), or undefined. */
export function languageNamed(value: string): Language | undefined {
  known ??= spellings();
  const v = value.normalize('NFC').trim().toLowerCase();
  return known.get(v) ?? known.get(v.split(/[-_]/)[0] ?? '');
}
