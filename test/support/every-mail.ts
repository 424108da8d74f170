import { expect } from 'vitest';
import type { Language } from '../../functions/core/language.ts';
import type { LocalStack } from '../../local/stack.ts';
import { cli, fixtureEdition } from './cli.ts';
import type { TestClock } from './clock.ts';
import { inbox, linkIn, postForm, postJson, type StoredEmail } from './local.ts';

/** Every kind of e-mail the newsletter sends to readers. */
export type MailKind = 'confirm' | 'welcome' | 'alreadySubscribed' | 'digest';

/** One e-mail of each kind in each language, as the SES stand-in received them. */
export type MailsByKind = Record<Language, Partial<Record<MailKind, StoredEmail>>>;

const LANGS: Language[] = ['en', 'be', 'ru'];

/**
 * Walks one reader per language through the whole path on the stack (subscribe, confirm, subscribe again, the
 * weekly send of `edition`) and returns the e-mails it produced, by kind. The stack runs on `clock` (moved past the
 * mail cooldown before the second subscribe).
 */
export async function collectEveryMail(
  stack: LocalStack,
  clock: TestClock,
  edition = '2026-W48',
): Promise<MailsByKind> {
  const byKind = { en: {}, be: {}, ru: {} } as MailsByKind;
  const addresses = LANGS.map((lang) => `every-${lang}@example.org`);
  await Promise.all(
    LANGS.map(async (language, i) => {
      const to = addresses[i] as string;
      expect((await postJson(stack, '/subscribe', { email: to, language }, `192.0.2.${10 + i}`)).status).toBe(202);
      // `inbox` answers once the queued confirmation e-mails are handed to SES.
      const [confirm] = await inbox(stack, to);
      const token = new URL(linkIn(confirm as StoredEmail, `${stack.apiUrl}/confirm?token=`)).searchParams.get('token');
      expect((await postForm(stack, '/confirm', { token: token as string })).status).toBe(200);
    }),
  );
  clock.advance(1_100);
  for (const [i, language] of LANGS.entries()) {
    const res = await postJson(stack, '/subscribe', { email: addresses[i], language }, `192.0.2.${20 + i}`);
    expect(res.status).toBe(202);
  }
  expect((await cli(stack.env, 'import', fixtureEdition(edition))).code).toBe(0);
  expect((await cli(stack.env, 'send', '--edition', edition, '--yes')).code).toBe(0);
  for (const [i, language] of LANGS.entries()) {
    for (const mail of await inbox(stack, addresses[i])) {
      const kind = mailKind(mail);
      if (kind) byKind[language][kind] = mail;
    }
  }
  return byKind;
}

/** Tells an e-mail's kind from its headers and links. */
function mailKind(mail: StoredEmail): MailKind | undefined {
  if (mail.headers?.some((h) => h.name === 'List-Unsubscribe')) return 'digest';
  const text = mail.body.text ?? '';
  if (text.includes('/confirm?token=')) return 'confirm';
  if (text.includes('/archive/')) return 'welcome';
  if (text.includes('/unsubscribe?token=')) return 'alreadySubscribed';
  return undefined;
}
