import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../functions/core/language.ts';
import { collectEveryMail, type MailKind, type MailsByKind } from '../support/every-mail.ts';
import { type StoredEmail, useLocalStack } from '../support/local.ts';
import { decodeWords, rawMime } from '../support/raw-mime.ts';
import { spamAssassin } from '../support/spamassassin.ts';

const stack = useLocalStack({ MAIL_COOLDOWN_SECONDS: '1', SENDER_NAMES: '{"en":"Belarus Weekly Desk"}' });
let mails: MailsByKind;
let rows: { language: Language; kind: MailKind; mail: StoredEmail }[];
beforeAll(async () => {
  mails = await collectEveryMail(stack.current);
  rows = (Object.entries(mails) as [Language, MailsByKind[Language]][]).flatMap(([language, kinds]) =>
    (Object.entries(kinds) as [MailKind, StoredEmail][]).map(([kind, mail]) => ({ language, kind, mail })),
  );
}, 60_000);

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
  }, 120_000);
});
