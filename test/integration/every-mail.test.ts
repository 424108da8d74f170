import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../functions/core/language.ts';
import { t } from '../../templates/i18n.ts';
import { useStoppedClock } from '../support/clock.ts';
import { collectEveryMail, type MailKind, type MailsByKind } from '../support/every-mail.ts';
import { type StoredEmail, useLocalStack } from '../support/local.ts';
import { decodeWords, rawMime } from '../support/raw-mime.ts';
import { spamAssassin } from '../support/spamassassin.ts';
import { vnu } from '../support/vnu.ts';

// What the checker reports about MJML's own Outlook scaffolding (table layout attributes, conditional comments),
// not about our markup.
const MJML_OWN = [
  /^CSS: “mso-(table-lspace|table-rspace|padding-alt)”: Property/,
  /^Attribute “xmlns:(v|o)” not allowed/,
];

const clock = useStoppedClock();
const stack = useLocalStack({
  MAIL_COOLDOWN_SECONDS: '1',
  SENDER_NAMES: '{"en":"Belarus Weekly Desk"}',
  SITE_URL: 'https://example.org/',
  PRIVACY_URL: 'https://example.org/privacy',
  CONTACT_EMAIL: 'desk@example.org',
  POSTAL_ADDRESS: 'PO Box 1, 00-950 Warsaw',
});
let mails: MailsByKind;
let rows: { language: Language; kind: MailKind; mail: StoredEmail }[];
beforeAll(async () => {
  mails = await collectEveryMail(stack.current, clock);
  rows = (Object.entries(mails) as [Language, MailsByKind[Language]][]).flatMap(([language, kinds]) =>
    (Object.entries(kinds) as [MailKind, StoredEmail][]).map(([kind, mail]) => ({ language, kind, mail })),
  );
});

describe('every e-mail kind in every language', () => {
  it('is there: confirmation, welcome, already subscribed and the digest, in en, be and ru', () => {
    for (const language of ['en', 'be', 'ru'] as const) {
      expect(Object.keys(mails[language]).sort(), language).toEqual(
        expect.arrayContaining(['alreadySubscribed', 'confirm', 'digest', 'welcome']),
      );
    }
  });

  it('comes from the sender’s display name in the reader’s language (configurable per language)', () => {
    const expected = { en: 'Belarus Weekly Desk', be: 'Беларусь за тыдзень', ru: 'Беларусь за неделю' };
    for (const r of rows) {
      expect(decodeWords(r.mail.from), `${r.kind} ${r.language}`).toBe(
        `"${expected[r.language]}" <weekly@newsletter.example>`.replace(/^"([^"]*[^\x20-\x7e][^"]*)"/, '$1'),
      );
    }
  });

  it('scores at most 1.0 in SpamAssassin (local rules) on the raw MIME', async () => {
    const verdicts = await Promise.all(
      rows.map(async (r) => ({ ...r, ...(await spamAssassin(await rawMime(r.mail))) })),
    );
    const table = verdicts.map((v) => `${v.kind} ${v.language} ${v.score} ${v.tests.join(',')}`);
    console.log(`SpamAssassin scores:\n${table.join('\n')}`);
    for (const v of verdicts) {
      expect(v.score, `${v.kind} ${v.language}: ${v.tests.join(', ')}`).toBeLessThanOrEqual(1.0);
      expect(v.tests, `${v.kind} ${v.language}`).not.toContain('HTML_FONT_LOW_CONTRAST');
    }
  });
  it('carries no tracking: no remote image or resource, no rewritten link, only our own destinations', () => {
    const api = stack.current.apiUrl;
    const allowed = [
      /^https:\/\/example\.org\/(en|be|ru)\/commentary\/[a-z-]+-2026-w48$/, // the commentaries' own URLs
      new RegExp(`^${api}/archive/(en|be|ru)(/2026-W48)?$`),
      new RegExp(`^${api}/unsubscribe\\?token=[\\w.-]+(#language)?$`),
      new RegExp(`^${api}/confirm\\?token=[\\w.-]+$`),
      new RegExp(`^${api}/erase\\?token=[\\w.-]+&lang=(en|be|ru)$`),
      /^https:\/\/example\.org\/privacy$/,
      /^https:\/\/example\.org\/?$/,
      /^mailto:desk@example\.org$/,
    ];
    for (const r of rows) {
      const html = r.mail.body.html ?? '';
      const label = `${r.kind} ${r.language}`;
      expect(html, label).not.toMatch(/<img\b|<picture\b|<video\b|<audio\b|<iframe\b|<object\b|<embed\b|<link\b/i);
      expect(html, label).not.toMatch(/\b(src|background|poster|srcset)\s*=/i);
      expect(html, label).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
      expect(html, label).not.toMatch(/@import/i);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'));
      const texts = [...(r.mail.body.text ?? '').matchAll(/(?:https?:\/\/|mailto:)[^\s)>"]+/g)].map((m) => m[0]);
      expect(hrefs.length, label).toBeGreaterThan(0);
      for (const url of [...hrefs, ...texts]) {
        expect(
          allowed.some((a) => a.test(url)),
          `${label}: ${url}`,
        ).toBe(true);
      }
    }
  });

  it('links the erase page, in its own language, from every e-mail to a reader', () => {
    for (const r of rows) {
      const link = `${stack.current.apiUrl}/erase?token=`;
      expect(r.mail.body.text, `${r.kind} ${r.language}`).toMatch(
        new RegExp(`${link.replace(/[.?]/g, '\\$&')}[\\w.-]+&lang=${r.language}(?![\\w&])`),
      );
      expect(r.mail.body.html, `${r.kind} ${r.language}`).toContain(
        `&amp;lang=${r.language}">${t(r.language, 'common.erase')}</a>`,
      );
    }
  });

  it('has no error in our own markup by the W3C Nu HTML Checker', async () => {
    const documents = Object.fromEntries(rows.map((r) => [`${r.kind} ${r.language}`, r.mail.body.html ?? '']));
    const errors = (await vnu(documents)).filter(
      (m) => m.type === 'error' && !MJML_OWN.some((re) => re.test(m.message)),
    );
    expect(errors.map((e) => `${e.document}: ${e.message} [${e.extract ?? ''}]`)).toEqual([]);
  });
});
