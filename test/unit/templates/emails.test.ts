import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../functions/core/html.ts';
import { LANGUAGES } from '../../../functions/core/language.ts';
import { renderAlreadySubscribedEmail, renderConfirmationEmail } from '../../../templates/emails.ts';
import { fillTemplate } from '../../../templates/fill.ts';

const URL = 'https://news.example.org/confirm?token=abc.DEF-_1&x="<y>"';
const URL_IN_HTML = 'https://news.example.org/confirm?token=abc.DEF-_1&amp;x=&quot;&lt;y&gt;&quot;';
const ERASE = 'https://news.example.org/erase?token=t1.erase.e&lang=en';

function expectWellFormed(html: string, lang: string): void {
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain(`<html lang="${lang}"`);
  expect(html).not.toMatch(/\{\{/);
  expect(html).toContain('<meta name="color-scheme" content="light dark"');
  // Not a standard meta name or CSS property: the W3C checker's one error in our own markup.
  expect(html).not.toContain('supported-color-schemes');
  // The fallback link wraps at <wbr> points, not by word-break (which Yahoo and Windows Mail ignore).
  expect(html).not.toContain('word-break:break-all');
  // A visible preheader without the tiny, white font SpamAssassin counts as hidden text.
  expect(html).toContain('class="nl-preheader" style="display:none;');
  expect(html).not.toMatch(/font-size:\s*1px/);
  expect(html).not.toMatch(/<(img|link|script)\b/i);
  expect(html).not.toMatch(/googleapis|Ubuntu/);
}

describe('fillTemplate', () => {
  it('escapes double-brace values, including script tags and quotes', () => {
    const html = fillTemplate('<p title="{{a}}">{{a}}</p>', { a: `<script>alert("x")</script>'` });
    expect(html).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;</p>',
    );
  });

  it('inserts triple-brace values as raw HTML', () => {
    expect(fillTemplate('<div>{{{a}}}</div>', { a: '<em>x</em>' })).toBe('<div><em>x</em></div>');
  });

  it('does not re-read placeholders inside inserted values', () => {
    expect(fillTemplate('{{{a}}}{{b}}', { a: '{{b}}', b: 'B' })).toBe('{{b}}B');
  });

  it('throws when a value is missing', () => {
    expect(() => fillTemplate('{{missing}}', {})).toThrow(/missing/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('renderConfirmationEmail', () => {
  for (const lang of LANGUAGES) {
    it(`renders html and text in ${lang} with the escaped link in both`, () => {
      const mail = renderConfirmationEmail(lang, { confirmUrl: URL, eraseUrl: ERASE, expiresInDays: 7 });
      expect(mail.subject).not.toBe('');
      expectWellFormed(mail.html, lang);
      expect(mail.html).toContain(`href="${URL_IN_HTML}"`);
      expect(mail.html).not.toContain(URL);
      expect(mail.html).toContain('>https://news.<wbr>example.<wbr>org/<wbr>confirm?<wbr>token=<wbr>abc.<wbr>');
      expect(mail.text).toContain(URL);
      expect(mail.text.replace(URL, '')).not.toMatch(/<[a-z]/i);
    });
  }

  it('states the validity with the right plural form', () => {
    expect(renderConfirmationEmail('en', { confirmUrl: URL, eraseUrl: ERASE, expiresInDays: 1 }).text).toContain(
      'valid for 1 day.',
    );
    expect(renderConfirmationEmail('en', { confirmUrl: URL, eraseUrl: ERASE, expiresInDays: 7 }).text).toContain(
      'valid for 7 days.',
    );
    expect(renderConfirmationEmail('be', { confirmUrl: URL, eraseUrl: ERASE, expiresInDays: 2 }).html).toContain(
      'дзейнічае 2\u00a0дні.',
    );
    expect(renderConfirmationEmail('ru', { confirmUrl: URL, eraseUrl: ERASE, expiresInDays: 5 }).html).toContain(
      'действует 5\u00a0дней.',
    );
  });

  it('has one confirm button and says ignoring it changes nothing', () => {
    const mail = renderConfirmationEmail('en', { confirmUrl: URL, eraseUrl: ERASE, expiresInDays: 7 });
    expect(mail.html.match(/>\s*Confirm subscription\s*</g)).toHaveLength(1);
    expect(mail.text).toMatch(/ignore this e-mail/);
    expect(mail.subject).toBe('Confirm your subscription to Belarus Weekly');
  });
});

describe('renderAlreadySubscribedEmail', () => {
  for (const lang of LANGUAGES) {
    it(`renders html and text in ${lang} with the escaped manage link in both`, () => {
      const mail = renderAlreadySubscribedEmail(lang, { manageUrl: URL, eraseUrl: ERASE });
      expect(mail.subject).not.toBe('');
      expectWellFormed(mail.html, lang);
      expect(mail.html).toContain(`href="${URL_IN_HTML}"`);
      expect(mail.html).not.toContain(URL);
      expect(mail.text).toContain(URL);
    });
  }

  it('says the address is already subscribed and offers to unsubscribe or change language', () => {
    const mail = renderAlreadySubscribedEmail('ru', { manageUrl: URL, eraseUrl: ERASE });
    expect(mail.subject).toBe('Вы уже подписаны на «Беларусь за неделю»');
    expect(mail.html).toContain('Отписаться или сменить язык');
  });
});
