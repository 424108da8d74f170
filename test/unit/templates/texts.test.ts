import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import be from '../../../templates/i18n/be.json' with { type: 'json' };
import en from '../../../templates/i18n/en.json' with { type: 'json' };
import ru from '../../../templates/i18n/ru.json' with { type: 'json' };
import { widgetMessages } from '../../../templates/widget/assets.ts';

const SAMPLES = join(import.meta.dirname, '..', '..', '..', 'local', 'samples');
const samples = (lang: string) =>
  readdirSync(SAMPLES)
    .filter((f) => f.startsWith(`${lang}-`))
    .map((f) => readFileSync(join(SAMPLES, f), 'utf8'))
    .join('\n');
const everything = (catalogue: Record<string, string>, lang: string) =>
  `${Object.values(catalogue).join('\n')}\n${samples(lang)}`;

describe('texts after the native-speaker reading', () => {
  it('names the trend with parallel nouns in every language', () => {
    const labels = (c: Record<string, string>) => [c['trend.better'], c['trend.worse'], c['trend.unchanged']];
    expect(labels(en)).toEqual(['Improvement', 'Deterioration', 'No change']);
    expect(labels(be)).toEqual(['Паляпшэнне', 'Пагаршэнне', 'Без змен']);
    expect(labels(ru)).toEqual(['Улучшение', 'Ухудшение', 'Без изменений']);
  });

  it('uses the corrected Belarusian wording in strings and samples', () => {
    const all = everything(be, 'be');
    for (const wrong of ['Прыкладны', 'Без зменаў', 'па спасылцы', 'тэчку са спамам', 'не будзе аформленая']) {
      expect(all, wrong).not.toContain(wrong);
    }
    for (const wrong of ['Пасланне знаёмае', 'у роўным тэмпе', 'ў роўным тэмпе', 'каментарыя', 'каментарыі']) {
      expect(all, wrong).not.toContain(wrong);
    }
    expect(be['sample.notice']).toBe('Узор каментара для знаёмства з рассылкай');
    expect(be['widget.success']).toContain('праз спасылку');
    expect(be['page.checkInbox.hint']).toContain('ў тэчку «Спам»');
    expect(be['email.confirm.ignore']).toContain('падпіска не пачне дзейнічаць');
    expect(be['email.confirm.intro']).toMatch(/^На гэты адрас папрасілі дасылаць «\{brand\}» \{language\}/);
    expect(be['digest.footer.reason']).toContain('падпісаліся на {language} рассылку «{brand}»');
    expect(be['_.newsletterPhrase']).toBe('беларускамоўную');
    expect(all).toContain('Сігнал знаёмы');
    expect(all).toContain('ранейшымі тэмпамі');
    expect(be['home.article.title']).toContain('Нармалізацыя адносін з Захадам');
  });

  it('uses the corrected Russian wording in strings and samples', () => {
    const all = everything(ru, 'ru');
    for (const wrong of ['ищет контактов', 'донаты', 'Послание знакомое', 'в ровном темпе', 'Пробный']) {
      expect(all, wrong).not.toContain(wrong);
    }
    expect(all).toContain('Посыл знакомый');
    expect(all).toContain('прежними темпами');
    expect(ru['sample.notice']).toMatch(/^Образец комментария/);
    expect(ru['home.article.title']).toContain('Нормализация отношений с Западом');
  });

  it('labels the fields and says "at any time" the same way in the widget and the pages', () => {
    for (const [lang, c] of Object.entries(widgetMessages())) {
      const catalogue = { en, be, ru }[lang] as Record<string, string>;
      expect(c['label.email']).toBe(catalogue['form.email.label']);
      expect(c['label.language']).toBe(catalogue['form.language.label']);
      expect(c.button).toBe(catalogue['form.subscribe.button']);
    }
    const anyTime = { en: 'at any time', be: 'ў любы час', ru: 'в любое время' };
    for (const [lang, c] of Object.entries({ en, be, ru }) as [keyof typeof anyTime, Record<string, string>][]) {
      for (const key of ['widget.consent', 'page.manage.unsubscribe.body', 'page.unsubscribed.again']) {
        expect(c[key], `${lang} ${key}`).toContain(anyTime[lang]);
      }
    }
  });
});
