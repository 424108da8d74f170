import { describe, expect, it } from 'vitest';
import { cli, fixtureEdition } from '../support/cli.ts';
import { inbox, linkIn, postForm, postJson, type StoredEmail, useLocalStack } from '../support/local.ts';

const stack = useLocalStack();

async function subscribeAndGetToken(email: string, language: string, ip: string): Promise<string> {
  expect((await postJson(stack.current, '/subscribe', { email, language }, ip)).status).toBe(202);
  let mail: StoredEmail | undefined;
  await expect
    .poll(async () => {
      [mail] = await inbox(stack.current, email);
      return mail !== undefined;
    })
    .toBe(true);
  const link = linkIn(mail as StoredEmail, `${stack.current.apiUrl}/confirm?token=`);
  return new URL(link).searchParams.get('token') as string;
}

const welcomes = async (email: string) =>
  (await inbox(stack.current, email)).filter((m) => /Вітаем|Welcome|Добро пожаловать/.test(m.subject));

describe('the welcome e-mail', () => {
  it('comes once after the first confirmation, in the reader’s language, with the schedule in words', async () => {
    const email = 'welcome-be@example.org';
    const token = await subscribeAndGetToken(email, 'be', '192.0.2.31');
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    const got = await welcomes(email);
    expect(got).toHaveLength(1);
    const mail = got[0] as StoredEmail;
    expect(mail.subject).toBe('Вітаем у «Беларусь за тыдзень»');
    expect(mail.body.text).toContain('Рассылка прыходзіць кожную пятніцу а 09:00 (GMT+3).');
    expect(mail.body.text).toContain(`${stack.current.apiUrl}/archive/be`);
    expect(mail.body.text).toMatch(new RegExp(`${stack.current.apiUrl}/unsubscribe\\?token=`));
    expect(mail.body.html).toContain(`href="${stack.current.apiUrl}/archive/be"`);
  });

  it('is sent once when the confirm button is pressed twice at the same moment', async () => {
    const email = 'welcome-twice@example.org';
    const token = await subscribeAndGetToken(email, 'ru', '192.0.2.32');
    const answers = await Promise.all([1, 2, 3].map(() => postForm(stack.current, '/confirm', { token })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const got = await welcomes(email);
    expect(got).toHaveLength(1);
    expect(got[0]?.subject).toBe('Добро пожаловать в «Беларусь за неделю»');
  });

  it('links the latest edition’s web version once one was sent', async () => {
    expect((await cli(stack.current.env, 'import', fixtureEdition('2026-W48'))).code).toBe(0);
    expect((await cli(stack.current.env, 'send', '--edition', '2026-W48', '--yes')).code).toBe(0);
    const email = 'welcome-en@example.org';
    const token = await subscribeAndGetToken(email, 'en', '192.0.2.33');
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    const [mail] = await welcomes(email);
    expect(mail?.body.text).toContain(`Read the latest edition: ${stack.current.apiUrl}/archive/en/2026-W48`);
    expect(mail?.body.text).toContain('The newsletter arrives every Friday at 09:00 (GMT+3).');
  });
});
