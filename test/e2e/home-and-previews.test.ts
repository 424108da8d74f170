import { describe, expect, it } from 'vitest';
import { LANGUAGES, languageInfo } from '../../functions/core/language.ts';
import { t } from '../../templates/i18n.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { useSampleSite } from './support/sample-site.ts';

const site = useSampleSite();
const stack = site.stack;

describe('the local home page', () => {
  it('tells a newcomer the three steps and links to the inbox viewer and the send button', async () => {
    const page = await site.browser.context.newPage();
    await page.goto(`${stack.current.apiUrl}/`);
    expect(await page.locator('aside ol > li').count()).toBe(3);
    const inbox = page.getByRole('link', { name: 'inbox viewer' }).first();
    expect(await inbox.getAttribute('href')).toBe(`${stack.current.sesUrl}/`);
    expect(await page.getByRole('button', { name: "Send this week's digest now" }).count()).toBe(1);
    await page.locator('belarus-weekly-signup').getByRole('button').waitFor();
    await screenshot(page, 'home-en', { fullPage: true });
    await expectAccessible(page, 'home page (en)');
    await page.close();
  });

  it.each(LANGUAGES)('links to the preview of this week’s digest in %s', async (lang) => {
    const page = await site.browser.context.newPage();
    await page.goto(`${stack.current.apiUrl}/`);
    await page
      .getByRole('link', { name: languageInfo(lang).name, exact: true })
      .first()
      .click();
    await page.waitForURL(`${stack.current.apiUrl}/preview/${lang}`);
    expect(await page.getByText(t(lang, 'digest.title')).count()).toBeGreaterThan(0);
    expect(await page.locator('a[href*="/unsubscribe?token="]').count()).toBeGreaterThan(0);
    await screenshot(page, `digest-${lang}`, { fullPage: true });
    await page.close();
  });
});
