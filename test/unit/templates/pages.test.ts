import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../functions/core/language.ts';
import { PAGE_HEADERS, type PageParams, renderPage } from '../../../templates/pages.ts';

const TOKEN = 'eyJzIjoxfQ.abc-DEF_123';
const ALL_PAGES: PageParams[] = [
  { page: 'checkInbox' },
  { page: 'confirm', token: TOKEN },
  { page: 'confirmed', manageUrl: `https://news.example.org/unsubscribe?token=${TOKEN}` },
  { page: 'invalidLink' },
  { page: 'manage', token: TOKEN, language: 'be' },
  { page: 'unsubscribed', token: TOKEN },
  { page: 'languageChanged', token: TOKEN, language: 'ru' },
  { page: 'error', status: 429 },
];

function forms(html: string): string[] {
  return [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]);
}

describe('renderPage', () => {
  for (const lang of LANGUAGES) {
    for (const params of ALL_PAGES) {
      it(`renders ${params.page} in ${lang} self-contained, with its language and one heading`, () => {
        const html = renderPage(lang, params);
        expect(html).toMatch(/^<!doctype html>/);
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
        expect(html.match(/<h1>/g)).toHaveLength(1);
        expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
        expect(html).not.toMatch(/\ssrc=/i);
        expect(html).not.toMatch(/url\(|@import/);
        expect(html).not.toMatch(/\sstyle="/);
        expect(html.match(/<style>/g)).toHaveLength(1);
      });
    }
  }

  it('matches the CSP style hash to the inline stylesheet actually served', () => {
    for (const params of ALL_PAGES) {
      const html = renderPage('be', params);
      const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
      const hash = createHash('sha256').update(style, 'utf8').digest('base64');
      expect(PAGE_HEADERS['Content-Security-Policy']).toContain(`style-src 'sha256-${hash}'`);
    }
  });

  it('sends the protective headers', () => {
    expect(PAGE_HEADERS).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    const csp = PAGE_HEADERS['Content-Security-Policy'];
    for (const directive of ["default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
  });

  it('posts the confirmation token to /confirm and says the link alone changed nothing', () => {
    const html = renderPage('en', { page: 'confirm', token: TOKEN });
    const [form] = forms(html);
    expect(form).toContain('method="post" action="/confirm"');
    expect(form).toContain(`<input type="hidden" name="token" value="${TOKEN}">`);
    expect(form).toMatch(/<button type="submit">Confirm subscription<\/button>/);
    expect(html).toContain('Opening the link has not changed anything');
  });

  it('escapes tokens in attributes and URLs', () => {
    const evil = 'a"b<c>&d';
    const confirm = renderPage('en', { page: 'confirm', token: evil });
    expect(confirm).toContain('value="a&quot;b&lt;c&gt;&amp;d"');
    const manage = renderPage('en', { page: 'manage', token: evil, language: 'en' });
    expect(manage).toContain('action="/unsubscribe?token=a%22b%3Cc%3E%26d"');
    expect(manage).not.toContain('a"b');
  });

  it('offers a subscribe form with the page language preselected and a hidden honeypot on invalid links', () => {
    for (const lang of LANGUAGES) {
      const [form = ''] = forms(renderPage(lang, { page: 'invalidLink' }));
      expect(form).toContain('method="post" action="/subscribe" enctype="application/x-www-form-urlencoded"');
      expect(form).toMatch(/<label for="email">[^<]+<\/label><input id="email" name="email" type="email"/);
      expect(form).toMatch(/<label for="language">[^<]+<\/label><select id="language" name="language">/);
      expect(form.match(/<option value="(\w+)"/g)).toEqual(LANGUAGES.map((l) => `<option value="${l}"`));
      expect(form).toContain(`<option value="${lang}" lang="${lang}" selected>`);
      expect(form.match(/ selected/g)).toHaveLength(1);
      expect(form).toMatch(
        /<div class="hp" aria-hidden="true">.*<input id="website" name="website" [^>]*tabindex="-1"/,
      );
    }
    expect(renderPage('en', { page: 'invalidLink' })).toMatch(/\.hp\{position:absolute;left:-10000px/);
  });

  it('offers unsubscribe and a language switch with the current language checked on the manage page', () => {
    const html = renderPage('ru', { page: 'manage', token: TOKEN, language: 'be' });
    const [unsubscribe = '', language = ''] = forms(html);
    const action = `method="post" action="/unsubscribe?token=${TOKEN}"`;
    expect(unsubscribe).toContain(action);
    expect(unsubscribe).toContain('<input type="hidden" name="action" value="unsubscribe">');
    expect(unsubscribe).toContain('>Отписаться</button>');
    expect(language).toContain(action);
    expect(language).toContain('<input type="hidden" name="action" value="language">');
    expect(language.match(/type="radio" name="language" value="(\w+)"/g)).toHaveLength(3);
    expect(language).toContain('name="language" value="be" checked>');
    expect(language.match(/ checked/g)).toHaveLength(1);
    expect(language).toMatch(/<legend>[^<]+<\/legend>/);
    expect(language).toContain('>Сменить язык</button>');
  });

  it('confirms and links to the manage page after confirming and changing language', () => {
    const url = `https://news.example.org/unsubscribe?token=${TOKEN}&x=1`;
    expect(renderPage('en', { page: 'confirmed', manageUrl: url })).toContain(`href="${url.replace('&', '&amp;')}"`);
    const changed = renderPage('be', { page: 'languageChanged', token: TOKEN, language: 'ru' });
    expect(changed).toContain('Цяпер вы будзеце атрымліваць «Беларусь за тыдзень» па-руску.');
    expect(changed).toContain(`href="/unsubscribe?token=${TOKEN}"`);
  });

  it('offers a way back after unsubscribing: the signup form, or the site when one is configured', () => {
    const html = renderPage('en', { page: 'unsubscribed', token: TOKEN });
    expect(html).toContain('You will no longer receive Belarus Weekly.');
    expect(html).not.toContain(TOKEN);
    expect(forms(html)).toEqual([expect.stringMatching(/^<form method="post" action="\/subscribe"/)]);
    const withSite = renderPage('ru', { page: 'unsubscribed', token: TOKEN, siteUrl: 'https://site.example/' });
    expect(forms(withSite)).toEqual([]);
    expect(withSite).toContain('<a href="https://site.example/">');
  });

  it("links to the archive in the reader's language after confirming, and to the site when configured", () => {
    const manageUrl = `https://news.example.org/unsubscribe?token=${TOKEN}`;
    expect(renderPage('be', { page: 'confirmed', manageUrl })).toContain('<a href="/archive/be">');
    const withSite = renderPage('en', { page: 'confirmed', manageUrl, siteUrl: 'https://site.example/' });
    expect(withSite).toContain('<a href="/archive/en">Read past editions in the archive</a>');
    expect(withSite).toContain('<a href="https://site.example/">Back to the website</a>');
  });

  it('gives each known error status its own sentence and the rest a generic one', () => {
    const sentences = [400, 404, 413, 415, 429, 500, 418].map((status) => {
      const html = renderPage('en', { page: 'error', status });
      expect(html).toContain(`Error code: ${status}`);
      return html.match(/<\/h1>\n<p>([^<]+)<\/p>/)?.[1];
    });
    expect(new Set(sentences).size).toBe(7);
  });
});
