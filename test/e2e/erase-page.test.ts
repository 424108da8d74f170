import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../functions/core/language.ts';
import { t } from '../../templates/i18n.ts';
import { inbox, linkIn, postForm, postJson, tableSnapshot, useLocalStack } from '../support/local.ts';
import { expectAccessible, openBrowser, type TestBrowser } from './support/browser.ts';
import { cli, subscriberStatus } from './support/mail.ts';

const stack = useLocalStack();
let browser: TestBrowser;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['ru', 'be', 'en'] as Language[])(
  'the erase page from the welcome e-mail (%s), in a real browser',
  (lang) => {
    it('asks with an accessible button, erases on the click and says so', async () => {
      const api = stack.current.apiUrl;
      const reader = `erase.page.${lang}@example.org`;
      const ip = `203.0.113.${lang.charCodeAt(0)}`;
      expect((await postJson(stack.current, '/subscribe', { email: reader, language: lang }, ip)).status).toBe(202);
      const [confirmation] = await inbox(stack.current, reader);
      const token = new URL(linkIn(confirmation as NonNullable<typeof confirmation>, `${api}/confirm?token=`));
      expect(
        (await postForm(stack.current, '/confirm', { token: token.searchParams.get('token') ?? '' }, ip)).status,
      ).toBe(200);
      const [, welcome] = await inbox(stack.current, reader);
      const page = await browser.context.newPage();

      const before = await tableSnapshot(stack.current);
      await page.goto(linkIn(welcome as NonNullable<typeof welcome>, `${api}/erase?token=`));
      expect(await page.locator('h1').textContent()).toBe(t(lang, 'page.erase.title'));
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expectAccessible(page, `erase page (${lang})`);
      expect(await tableSnapshot(stack.current)).toBe(before);
      expect(await subscriberStatus(stack.current, reader)).toBe('confirmed');

      await page.getByRole('button', { name: t(lang, 'page.erase.button') }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(t(lang, 'page.erased.title'));
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expectAccessible(page, `erased page (${lang})`);
      await expect(cli(stack.current, ['subscribers', 'export', reader])).rejects.toThrow('404');
      await page.close();
    });
  },
);
