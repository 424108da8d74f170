import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../templates/i18n.ts';
import { useLocalStack } from '../support/local.ts';
import { expectAccessible, openBrowser, screenshot, type TestBrowser } from './support/browser.ts';
import { subscriberStatus, waitForMail } from './support/mail.ts';

const stack = useLocalStack();
let browser: TestBrowser;
// axe-core itself needs JavaScript: it checks the same pages in a second browser that blocks only the widget script.
let checker: TestBrowser;

beforeAll(async () => {
  [browser, checker] = await Promise.all([openBrowser({ javaScriptEnabled: false }), openBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), checker?.close()]);
});

async function expectAccessibleWithoutWidgetScript(url: string, label: string): Promise<void> {
  const page = await checker.context.newPage();
  await page.route('**/widget.js*', (route) => route.abort());
  await page.goto(url);
  await expectAccessible(page, label);
  await page.close();
}

describe('the widget without JavaScript', () => {
  it('is a plain form whose post is answered by the localized check-your-inbox page', async () => {
    const api = stack.current.apiUrl;
    const address = 'no.script@example.org';
    const page = await browser.context.newPage();
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.60' });
    await page.goto(`${api}/?lang=be`);
    expect(await page.locator('belarus-weekly-signup').count()).toBe(0);
    const form = page.locator('form[data-belarus-weekly]');
    expect(await form.getAttribute('action')).toBe(`${api}/subscribe`);
    expect(await form.locator('input[name=website]').isVisible()).toBe(false);
    await screenshot(form, 'widget-be-no-javascript');
    await expectAccessibleWithoutWidgetScript(`${api}/?lang=be`, 'home page without JavaScript (be)');

    await form.getByLabel(t('be', 'form.email.label')).fill(address);
    expect(await form.getByLabel(t('be', 'form.language.label')).inputValue()).toBe('be');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${api}/subscribe` && r.request().method() === 'POST'),
      form.getByRole('button', { name: t('be', 'form.subscribe.button') }).click(),
    ]);
    expect(response.status()).toBe(303);
    await page.waitForURL(`${api}/subscribe?language=be`);
    expect(await page.locator('h1').textContent()).toBe(t('be', 'page.checkInbox.title'));
    await expectAccessibleWithoutWidgetScript(page.url(), 'check-your-inbox page (be)');

    const mail = await waitForMail(stack.current, address, /Пацвердзіце/);
    expect(mail.body.text).toContain(`${api}/confirm?token=`);
    expect(await subscriberStatus(stack.current, address)).toBe('pending');
    await page.close();
  });
});
