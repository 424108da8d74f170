import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/core/language.ts';
import { widgetMessages } from '../../templates/widget/assets.ts';
import { useLocalStack } from '../support/local.ts';
import { expectAccessible, openBrowser, screenshot, type TestBrowser } from './support/browser.ts';

const stack = useLocalStack({ SUBSCRIBE_RATE_LIMIT: '3' });
const MESSAGES = widgetMessages();
let browser: TestBrowser;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function submit(page: Page, address: string, expected: string): Promise<void> {
  const widget = page.locator('belarus-weekly-signup');
  await widget.getByRole('textbox').fill(address);
  await widget.getByRole('button').click();
  await expect.poll(() => widget.getByRole('status').textContent()).toBe(expected);
  await expect.poll(() => widget.getByRole('button').isEnabled()).toBe(true);
}

describe.each(LANGUAGES.map((lang, i) => [lang, i] as const))('the widget on a page in %s', (lang, i) => {
  it('shows localized messages for an invalid address, success, too many requests and a network failure', async () => {
    const m = MESSAGES[lang] as Record<string, string>;
    const page = await browser.context.newPage();
    // Each language gets its own rate-limit bucket (the local runner trusts X-Forwarded-For, as API Gateway would).
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': `203.0.113.${20 + i}` });
    await page.goto(`${stack.current.apiUrl}/?lang=${lang}`);
    const widget = page.locator('belarus-weekly-signup');
    await widget.getByRole('button', { name: m.button }).waitFor();
    expect(await widget.getByRole('combobox', { name: m.language }).inputValue()).toBe(lang);
    expect(await widget.getByRole('textbox', { name: m.email }).count()).toBe(1);
    expect(await widget.getByRole('link', { name: m.privacy }).getAttribute('href')).toMatch(/#privacy$/);
    await screenshot(widget, `widget-${lang}`);
    await expectAccessible(page, `home page with the widget (${lang})`);

    await submit(page, 'reader.example.org', m.invalid as string);
    expect(await widget.getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
    await screenshot(widget, `widget-${lang}-invalid`);
    await expectAccessible(page, `widget showing an error (${lang})`);
    // Passes the script's quick check; the API rejects it.
    await submit(page, 'reader..dots@example.org', m.invalid as string);

    const address = `reader-${lang}@example.org`;
    await submit(page, address, (m.success as string).replace('{email}', address));
    expect(await widget.getByRole('textbox').inputValue()).toBe('');
    await screenshot(widget, `widget-${lang}-success`);
    await expectAccessible(page, `widget showing success (${lang})`);

    for (let n = 0; n < 3; n++) {
      await widget.getByRole('textbox').fill(`again-${n}@example.org`);
      await widget.getByRole('button').click();
      await expect.poll(() => widget.getByRole('status').textContent()).not.toBe('');
      if ((await widget.getByRole('status').textContent()) === m.tooMany) break;
    }
    expect(await widget.getByRole('status').textContent()).toBe(m.tooMany);

    await page.route('**/subscribe', (route) => route.abort('internetdisconnected'));
    await submit(page, `offline-${lang}@example.org`, m.network as string);
    await page.close();
  });
});
