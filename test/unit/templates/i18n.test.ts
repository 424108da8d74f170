import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { LANGUAGES } from '../../../functions/core/language.ts';
import { SIGNUP_FORM, type SignupField } from '../../../functions/core/signup-form.ts';
import { readCatalogue } from '../../../templates/catalogues.ts';
import be from '../../../templates/i18n/be.json' with { type: 'json' };
import en from '../../../templates/i18n/en.json' with { type: 'json' };
import ru from '../../../templates/i18n/ru.json' with { type: 'json' };
import { catalogueKeys, inLanguage, languageName, t, tp } from '../../../templates/i18n.ts';
import { partOf } from '../../../templates/message-parts.ts';
import { translator } from '../../../templates/messages.ts';

const CATALOGUES: Record<string, Record<string, string>> = { en, be, ru };
const PLURAL = /\.(zero|one|two|few|many|other)$/;
/** How a catalogue names another language ("in Russian"): optional, so adding a language touches no other file. */
const OTHER_LANGUAGE = /^language\.in\./;
/** The labels of the signup form's optional fields: in en.json at least, so adding a field touches no other catalogue. */
const OPTIONAL_LABELS = (SIGNUP_FORM.fields as readonly SignupField[])
  .filter((f) => z.safeParse(f.value, undefined).success)
  .map((f) => f.label);
const COUNTED = [
  ...new Set(
    Object.keys(en)
      .filter((k) => PLURAL.test(k))
      .map((k) => k.replace(PLURAL, '')),
  ),
];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

describe('message catalogues', () => {
  it('looks every message up in the catalogue it was written in, as build:templates compiled it', () => {
    for (const lang of LANGUAGES)
      for (const [key, text] of Object.entries(CATALOGUES[lang] as Record<string, string>))
        expect(t(lang, key), `${lang} ${key}`).toBe(text);
    expect(t('be', 'brand')).toBe(be.brand);
    expect(t('be', 'no-such-key')).toBe('no-such-key');
  });

  it('splits every catalogue into parts by key, each key in the part partOf names, none lost or doubled', () => {
    const dir = new URL('../../../templates/compiled/messages/', import.meta.url);
    const names = readdirSync(dir).map((f) => f.replace(/\.json$/, ''));
    expect(names).toEqual(expect.arrayContaining(['brand', 'page.confirm', 'email.confirm', 'email', 'home.privacy']));
    for (const lang of LANGUAGES) {
      const joined: Record<string, string> = {};
      for (const name of names) {
        const part = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Record<string, string>;
        const messages = JSON.parse(part[lang] ?? '{}') as Record<string, string>;
        for (const key of Object.keys(messages)) expect(partOf(key), `${lang} ${key}`).toBe(name);
        Object.assign(joined, messages);
      }
      expect(joined).toEqual(CATALOGUES[lang]);
    }
  });

  it('looks messages up only in the parts a translator was made of, falling back to English, then the key', () => {
    const brand = { en: JSON.stringify({ brand: en.brand, 'brand.tagline': 'English only' }), be: '{"brand":"Б"}' };
    const m = translator(brand);
    expect([m('be', 'brand'), m('be', 'brand.tagline'), m('be', 'common.erase')]).toEqual([
      'Б',
      'English only',
      'common.erase',
    ]);
  });

  it('offers one language per catalogue file, English first, then by code', () => {
    const files = readdirSync(new URL('../../../templates/i18n/', import.meta.url)).map((f) => f.replace('.json', ''));
    expect([...LANGUAGES]).toEqual(['en', ...files.filter((c) => c !== 'en').sort()]);
    expect([...LANGUAGES]).toEqual(['en', 'be', 'ru']);
  });

  it('has every English key in every language (an optional field’s label may be left to English)', () => {
    expect(OPTIONAL_LABELS).toContain('form.honeypot.label');
    expect(OPTIONAL_LABELS).not.toContain('form.email.label');
    const keys = catalogueKeys();
    const shared = keys.en.filter((k) => !OTHER_LANGUAGE.test(k) && !OPTIONAL_LABELS.includes(k));
    for (const lang of LANGUAGES) expect(keys[lang]).toEqual(expect.arrayContaining(shared));
  });

  it('has the same keys in Belarusian and Russian, and only plural forms beyond English', () => {
    const keys = catalogueKeys();
    const own = (lang: 'be' | 'ru') => keys[lang].filter((k) => !OTHER_LANGUAGE.test(k)).sort();
    expect(own('be')).toEqual(own('ru'));
    const extra = own('be').filter((k) => !keys.en.includes(k));
    for (const key of extra) expect(COUNTED).toContain(key.replace(PLURAL, ''));
  });

  it('takes names, locale and phrases of each language from its own catalogue', () => {
    expect(LANGUAGES.map(languageName)).toEqual(['English', 'Беларуская', 'Русский']);
    expect(inLanguage('en', 'en')).toBe('in English');
    expect(inLanguage('be', 'ru')).toBe('па-руску');
    expect(inLanguage('ru', 'be')).toBe('на белорусском языке');
  });

  it('rejects a catalogue whose file name, locale or plural forms do not fit, naming the file', () => {
    const text = (changes: Record<string, string | undefined>) => JSON.stringify({ ...en, ...changes });
    expect(readCatalogue('uk', text({})).language).toMatchObject({ code: 'uk', name: 'English', locale: 'en-GB' });
    expect(() => readCatalogue('UK', text({}))).toThrow('templates/i18n/UK.json: the file name must be');
    expect(() => readCatalogue('uk', text({ '_.locale': 'no such locale' }))).toThrow('_.locale not a BCP 47 locale');
    expect(() => readCatalogue('uk', text({ '_.name': undefined }))).toThrow('templates/i18n/uk.json: _.name');
    expect(() => readCatalogue('uk', text({ '_.locale': 'uk' }))).toThrow(
      '_.plurals must be "few many one other", the plural rules of uk',
    );
    expect(() => readCatalogue('uk', text({ '_.locale': 'uk', '_.plurals': 'one few many other' }))).toThrow(
      'uk.json: email.confirm.expires.few is missing',
    );
  });

  it('has no empty or untrimmed values', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of Object.entries(CATALOGUES[lang] as Record<string, string>)) {
        expect(value.trim(), `${lang} ${key}`).not.toBe('');
        expect(value, `${lang} ${key}`).toBe(value.trim());
      }
    }
  });

  it('uses the English placeholders in every translation', () => {
    for (const lang of ['be', 'ru']) {
      for (const [key, value] of Object.entries(CATALOGUES[lang] as Record<string, string>)) {
        if (OTHER_LANGUAGE.test(key)) continue;
        const reference = en[key as keyof typeof en] ?? en[key.replace(PLURAL, '.other') as keyof typeof en];
        expect(reference, `${lang} ${key} has an English counterpart`).toBeDefined();
        expect(placeholders(value), `${lang} ${key}`).toEqual(placeholders(reference));
      }
    }
  });

  it('has one, few, many and other for each counted key in Belarusian and Russian', () => {
    expect(COUNTED).toEqual(expect.arrayContaining(['digest.count', 'email.confirm.expires']));
    for (const lang of ['be', 'ru']) {
      for (const key of COUNTED) {
        for (const form of ['one', 'few', 'many', 'other']) {
          expect(CATALOGUES[lang], `${lang} ${key}.${form}`).toHaveProperty([`${key}.${form}`]);
        }
      }
    }
  });

  it('names the brand in each language', () => {
    expect([en.brand, be.brand, ru.brand]).toEqual(['Belarus Weekly', 'Беларусь за тыдзень', 'Беларусь за неделю']);
  });

  it('picks the grammatical plural form for counted phrases', () => {
    expect(tp('en', 'digest.count', 1)).toBe('1 commentary');
    expect(tp('en', 'digest.count', 3)).toBe('3 commentaries');
    expect(tp('be', 'digest.count', 21)).toBe('21 каментар');
    expect(tp('be', 'digest.count', 3)).toBe('3 каментары');
    expect(tp('be', 'digest.count', 11)).toBe('11 каментароў');
    expect(tp('ru', 'digest.count', 2)).toBe('2 комментария');
    expect(tp('ru', 'digest.count', 5)).toBe('5 комментариев');
    expect(tp('ru', 'email.confirm.expires', 7)).toBe('Ссылка действует 7 дней.');
  });
});
