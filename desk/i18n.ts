import { LANGUAGES, type Language, languageInfo } from '../functions/core/language.ts';
import be from './i18n/be.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import ru from './i18n/ru.json' with { type: 'json' };

/** Every desk message key; English is the reference (the build checks the other catalogues have each). */
export type DeskKey = keyof typeof en;

const CATALOGUES: Record<string, Record<string, string>> = { en, be, ru };
const STORAGE_KEY = 'desk.language';

function initial(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'en';
}

let current: Language = initial();

/** The editor's language (remembered in localStorage). */
export function language(): Language {
  return current;
}

/** Changes and remembers the editor's language. */
export function setLanguage(lang: Language): void {
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** The message in the editor's language with `{name}` placeholders filled. */
export function t(key: DeskKey, vars: Record<string, string | number> = {}): string {
  const template = CATALOGUES[current]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : typeof vars[name] === 'number' ? num(vars[name]) : String(vars[name]),
  );
}

/** A number in the editor's locale. */
export function num(n: number): string {
  return new Intl.NumberFormat(languageInfo(current).locale).format(n);
}

/** A date and time in the editor's locale (and, when given, a time zone). */
export function when(epochMs: number, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };
  return new Intl.DateTimeFormat(languageInfo(current).locale, timeZone ? { ...options, timeZone } : options).format(
    epochMs,
  );
}

/** A content language's name in itself (as the language picker shows it). */
export function languageName(lang: Language): string {
  return languageInfo(lang).name;
}

export { LANGUAGES, type Language };
