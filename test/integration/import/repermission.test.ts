import { describe, expect, it } from 'vitest';
import { repermissionStep } from '../../../functions/app/import-list/repermission.ts';
import { createAdminDeps } from '../../../functions/wiring/admin.ts';
import { upload } from '../../support/imports.ts';
import { inbox, linkIn, postForm, readerIdOf, tableItems, tableSnapshot, useLocalStack } from '../../support/local.ts';

const stack = useLocalStack();
const DAY = 86_400_000;

const FILE = Buffer.from(
  [
    'Email Address,Language,OPTIN_TIME,CONFIRM_TIME',
    'asked.ru@example.org,ru,,',
    'asked.be@example.org,be,,',
    'asked.en@example.org,en,,',
  ].join('\n'),
);

async function stepAt(at: number) {
  const { deps } = await createAdminDeps(stack.current.env);
  return repermissionStep({ ...deps.imports.step, now: () => at }, 100);
}

describe('re-permission', () => {
  it('mails each address once, in its language; GET on its link changes nothing, POST confirms', async () => {
    const answer = await upload(stack.current, FILE, {
      name: 'subscribed_members_export.csv',
      options: { format: 'generic' },
    });
    expect(answer.outcomes).toEqual({ repermission: { ru: 1, be: 1, en: 1 } });
    const ru = await inbox(stack.current, 'asked.ru@example.org');
    expect(ru).toHaveLength(1);
    expect(ru[0]?.subject).toMatch(/^Хотите и дальше получать/);
    expect((await inbox(stack.current, 'asked.be@example.org'))[0]?.subject).toMatch(/^Ці хочаце/);
    expect((await inbox(stack.current, 'asked.en@example.org'))[0]?.body.text).toContain('You were on our list at');
    // The same file again, and another file with the same addresses: no second e-mail.
    await upload(stack.current, FILE, { name: 'subscribed_members_export.csv', options: { format: 'generic' } });
    await upload(stack.current, Buffer.from(`${FILE.toString()}\n`), {
      name: 'again.csv',
      options: { format: 'generic' },
    });
    expect(await stepAt(Date.now())).toMatchObject({ mailed: 0, reminded: 0 });
    expect(await inbox(stack.current, 'asked.ru@example.org')).toHaveLength(1);

    const link = linkIn(ru[0] as never, `${stack.current.apiUrl}/confirm?token=`);
    const before = await tableSnapshot(stack.current);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    expect(await tableSnapshot(stack.current)).toBe(before);
    const token = new URL(link).searchParams.get('token') as string;
    expect((await postForm(stack.current, '/confirm', { token })).status).toBe(200);
    const id = readerIdOf(stack.current, 'asked.ru@example.org');
    const item = (await tableItems(stack.current)).find((i) => i.pk === `SUB#${id}` && i.sk === 'SUB');
    expect(item).toMatchObject({ status: 'confirmed', consent: { source: 'import:generic' } });
  });

  it('reminds once after 7 days and erases the unconfirmed after 30', async () => {
    const now = Date.now();
    expect(await stepAt(now + 6 * DAY)).toMatchObject({ reminded: 0, erased: 0 });
    // The confirmed reader is left alone; the two others get one reminder each.
    expect(await stepAt(now + 7 * DAY + 60_000)).toMatchObject({ reminded: 2, erased: 0, dropped: 1 });
    expect(await stepAt(now + 8 * DAY)).toMatchObject({ reminded: 0 });
    const be = await inbox(stack.current, 'asked.be@example.org');
    expect(be.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Ці хочаце/),
      expect.stringMatching(/^Нагадванне/),
    ]);
    // The confirmed reader got the welcome after confirming, and no reminder.
    const ru = (await inbox(stack.current, 'asked.ru@example.org')).map((m) => m.subject);
    expect(ru.filter((s) => /Хотите|Напоминание/.test(s))).toHaveLength(1);
    expect(await stepAt(now + 29 * DAY)).toMatchObject({ erased: 0 });
    expect(await stepAt(now + 31 * DAY)).toMatchObject({ erased: 2 });
    const items = await tableItems(stack.current);
    for (const email of ['asked.be@example.org', 'asked.en@example.org']) {
      const id = readerIdOf(stack.current, email);
      // Only the imports' marks stay (they keep a rerun of a file from asking again); an erasure by the reader or
      // an editor deletes them too (import-erasure.test.ts).
      const left = items.filter((i) => i.pk === `SUB#${id}`).map((i) => String(i.sk));
      expect(left.length).toBeGreaterThan(0);
      expect(left.filter((sk) => !sk.startsWith('IMPORT#'))).toEqual([]);
    }
    expect(items.filter((i) => i.pk === 'REPERM')).toEqual([]);
    expect(await stepAt(now + 60 * DAY)).toEqual({ mailed: 0, reminded: 0, erased: 0, dropped: 0 });
  });
});
