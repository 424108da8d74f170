import { describe, expect, it } from 'vitest';
import type { DigestItem } from '../../../functions/core/digest-view.ts';
import { LANGUAGES } from '../../../functions/core/language.ts';
import { type DigestView, renderDigest } from '../../../templates/digest.ts';
import { MANAGE_URL_PLACEHOLDER, personalizeDigest } from '../../../templates/personalize.ts';

const TRENDS = ['better', 'worse', 'unchanged', undefined] as const;

function items(count: number, leadLength = 400): DigestItem[] {
  return Array.from({ length: count }, (_, i) => ({
    topic: `Economy <b>&amp; ${i}`,
    trend: TRENDS[i % TRENDS.length],
    title: `Little prospect "of" normalization #${i}`,
    leadHtml: `<em>Lead ${i}</em> ${'Minsk signals openness to dialogue, but no steps follow. '.repeat(leadLength / 55)}`,
    leadText: `Lead ${i} plain`,
    url: `https://example.org/commentary/${i}?from=digest&n=${i}`,
  }));
}

function view(overrides: Partial<DigestView> = {}): DigestView {
  return { language: 'en', edition: '2026-W48', dateRange: '24–30 November 2026', items: items(10), ...overrides };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderDigest', () => {
  it('stays under 100 KB of HTML for 10 commentaries', () => {
    const { html } = renderDigest(view());
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(100 * 1024);
  });

  it('contains every title, escaped, linked to its url, in html and text', () => {
    const { html, text } = renderDigest(view());
    for (const item of view().items) {
      expect(html).toContain(item.title.replaceAll('"', '&quot;'));
      expect(html).toContain(`href="${item.url.replaceAll('&', '&amp;')}"`);
      expect(text).toContain(item.title);
      expect(text).toContain(item.url);
    }
  });

  it('escapes the topic and keeps the lead HTML as given', () => {
    const { html } = renderDigest(view());
    expect(html).toContain('Economy &lt;b&gt;&amp;amp; 0');
    expect(html).not.toContain('Economy <b>');
    expect(html).toContain('<em>Lead 0</em>');
  });

  for (const lang of LANGUAGES) {
    it(`shows localized trend badges, title, count and footer in ${lang}`, () => {
      const expected = {
        en: ['Improvement', 'Deterioration', 'No change'],
        be: ['Паляпшэнне', 'Пагаршэнне', 'Без змен'],
        ru: ['Улучшение', 'Ухудшение', 'Без изменений'],
      }[lang];
      const { html, text, subject } = renderDigest(view({ language: lang, items: items(3) }));
      for (const label of expected) {
        // Kept on one line: the label's spaces are non-breaking.
        expect(html).toContain(label.replace(/ /g, '&nbsp;'));
        expect(text).toContain(label);
      }
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).not.toMatch(/\{\{/);
      expect(subject).toContain('24–30 November 2026');
      expect(text).toContain({ en: '3 commentaries', be: '3 каментары', ru: '3 комментария' }[lang]);
    });
  }

  it('links Unsubscribe and Change language separately, each to the personal manage page', () => {
    const { html, text } = renderDigest(view());
    expect(occurrences(html, MANAGE_URL_PLACEHOLDER)).toBe(2);
    expect(html).toContain(`<a href="${MANAGE_URL_PLACEHOLDER}">Unsubscribe</a>`);
    expect(html).toContain(`<a href="${MANAGE_URL_PLACEHOLDER}#language">Change language</a>`);
    expect(occurrences(text, MANAGE_URL_PLACEHOLDER)).toBe(1);
    expect(text).toContain(`Unsubscribe / Change language: ${MANAGE_URL_PLACEHOLDER}`);
  });

  it('has a footer with the web version, the archive, the contact, the postal address and the privacy notice', () => {
    const outlet = {
      siteUrl: 'https://example.org',
      publicUrl: 'https://news.example.org',
      privacyUrl: 'https://example.org/privacy',
      brandColour: '#123456',
      contactEmail: 'desk@example.org',
      postalAddress: 'PO Box 1, 00-950 Warsaw',
    };
    const { html, text } = renderDigest(view({ language: 'ru', outlet }));
    expect(html).toContain('<a href="https://news.example.org/archive/ru/2026-W48">Открыть в браузере</a>');
    expect(html).toContain('<a href="https://news.example.org/archive/ru">Все выпуски</a>');
    expect(html).toContain('<a href="mailto:desk@example.org">desk@example.org</a>');
    expect(html).toContain('PO Box 1, 00-950 Warsaw');
    expect(html).toContain('<a href="https://example.org/privacy">Политика конфиденциальности</a>');
    expect(html).toContain('border-top:4px solid #123456');
    expect(text).toContain('Открыть в браузере: https://news.example.org/archive/ru/2026-W48');
  });

  it('draws the trend as a table cell on one line and keeps headlines out of the link colour', () => {
    const { html } = renderDigest(view({ language: 'be', items: items(3) }));
    expect(html).toMatch(/<td bgcolor="#[0-9a-f]{6}" class="nl-trend" style="[^"]*white-space:nowrap/);
    expect(html).not.toMatch(/<span[^>]*padding/);
    expect(html).toMatch(/<a class="nl-headline" href="[^"]+" style="color:#1c1c1c;/);
    expect(html).toContain('a.nl-headline, .nl-text .nl-wordmark { color: #f3eee6 !important; }');
  });

  it('names the week’s headlines in the preheader instead of the subject, padded, and keeps numbers with nouns', () => {
    const list = items(2);
    const { html, subject } = renderDigest(view({ items: list }));
    const preheader = /<div class="nl-preheader"[^>]*>([^<]*)<\/div>/.exec(html)?.[1] ?? '';
    expect(preheader.startsWith(`${list[0]?.title} · ${list[1]?.title}`.replaceAll('"', '&quot;'))).toBe(true);
    expect(preheader).not.toContain(subject);
    expect(occurrences(preheader, '&#8204;&nbsp;')).toBeGreaterThanOrEqual(80);
    expect(html).toContain('2\u00a0commentaries');
    expect(html).toContain('30\u00a0November');
  });

  it('says why the reader gets the e-mail', () => {
    const { html } = renderDigest(view({ language: 'be' }));
    expect(html).toContain('падпісаліся на беларускамоўную рассылку «Беларусь за тыдзень»');
  });

  it('explains a fallback language only when one is set', () => {
    const withFallback = renderDigest(view({ language: 'be', fallbackLanguage: 'ru' }));
    expect(withFallback.html).toContain('не выйшлі па-беларуску, таму мы дасылаем іх па-руску');
    expect(withFallback.text).toContain('не выйшлі па-беларуску');
    expect(renderDigest(view({ language: 'be' })).html).not.toContain('не выйшлі па-беларуску');
  });

  it('marks sample commentaries and only those', () => {
    const list = items(3);
    list[1] = { ...(list[1] as DigestItem), sample: true };
    const { html, text } = renderDigest(view({ items: list }));
    expect(occurrences(html, 'Sample commentary for trying the newsletter out')).toBe(1);
    expect(occurrences(text, 'Sample commentary for trying the newsletter out')).toBe(1);
  });

  it('says so when there are no commentaries', () => {
    expect(renderDigest(view({ items: [] })).text).toContain('There are no new commentaries this week.');
  });

  it('rejects content that contains the placeholder', () => {
    const list = items(1);
    list[0] = { ...(list[0] as DigestItem), leadText: `see ${MANAGE_URL_PLACEHOLDER}` };
    expect(() => renderDigest(view({ items: list }))).toThrow();
  });
});

describe('personalizeDigest', () => {
  const url = 'https://news.example.org/unsubscribe?token=abc.DEF&x=1';

  it('puts the URL into html (escaped) and text and leaves no placeholder', () => {
    const rendered = renderDigest(view());
    const mail = personalizeDigest(rendered, url);
    expect(mail.html).toContain('href="https://news.example.org/unsubscribe?token=abc.DEF&amp;x=1"');
    expect(mail.text).toContain(url);
    expect(mail.html).not.toContain(MANAGE_URL_PLACEHOLDER);
    expect(mail.text).not.toContain(MANAGE_URL_PLACEHOLDER);
    expect(mail.subject).toBe(rendered.subject);
  });

  it('gives each recipient their own URL from the same rendered digest', () => {
    const rendered = renderDigest(view());
    const first = personalizeDigest(rendered, 'https://x.test/u?token=one');
    const second = personalizeDigest(rendered, 'https://x.test/u?token=two');
    expect(first.text).toContain('token=one');
    expect(second.text).toContain('token=two');
    expect(second.html).not.toContain('token=one');
    expect(rendered.html).toContain(MANAGE_URL_PLACEHOLDER);
  });

  it('costs a small fraction of a render per recipient for a 50 KB digest, whatever the machine', () => {
    const digest = view({ items: items(10, 3000) });
    expect(renderDigest(digest).html.length).toBeGreaterThan(50_000);
    // Both timed in turn on the same machine at the same moment, so only their ratio counts, not its speed; a
    // per-recipient re-render or re-scan of the 50 KB would cost about as much as the render (measured ~30x apart).
    const renders: number[] = [];
    const personalized: number[] = [];
    for (let i = 0; i < 200; i++) {
      let start = performance.now();
      const rendered = renderDigest(digest);
      renders.push(performance.now() - start);
      for (let j = 0; j < 10; j++) {
        start = performance.now();
        personalizeDigest(rendered, `${url}${i}-${j}`);
        personalized.push(performance.now() - start);
      }
    }
    expect(median(personalized)).toBeLessThan(median(renders) / 5);
  });
});
