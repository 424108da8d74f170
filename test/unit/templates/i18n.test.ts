import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/core/language.ts';
import be from '../../../templates/i18n/be.json' with { type: 'json' };
import en from '../../../templates/i18n/en.json' with { type: 'json' };
import ru from '../../../templates/i18n/ru.json' with { type: 'json' };
import { catalogueKeys, t, tp } from '../../../templates/i18n.ts';

const CATALOGUES: Record<string, Record<string, string>> = { en, be, ru };
const PLURAL = /\.(zero|one|two|few|many|other)$/;
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

  it('has every English key in every language', () => {
    const keys = catalogueKeys();
    for (const lang of LANGUAGES) expect(keys[lang]).toEqual(expect.arrayContaining(keys.en));
  });

  it('has the same keys in Belarusian and Russian, and only plural forms beyond English', () => {
    const keys = catalogueKeys();
    expect([...keys.be].sort()).toEqual([...keys.ru].sort());
    const extra = keys.be.filter((k) => !keys.en.includes(k));
    for (const key of extra) expect(COUNTED).toContain(key.replace(PLURAL, ''));
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
