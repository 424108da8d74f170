import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../templates/i18n.ts';
import { widgetAssets } from '../../templates/widget/assets.ts';
import { widgetSnippet } from '../../templates/widget/snippet.ts';
import { useLocalStack } from '../support/local.ts';
import { expectAccessible, openBrowser, type TestBrowser } from './support/browser.ts';
import { cli, subscriberStatus } from './support/mail.ts';

// The outlet's site on an origin of its own, with a strict CSP that names only the API.
const env: Record<string, string> = {};
let site: Server;
let siteOrigin: string;
let browser: TestBrowser;

beforeAll(async () => {
  site = createServer((_req, res) => {
    const api = stack.current.apiUrl;
    const version = widgetAssets({ api }).js.version;
    const snippet = widgetSnippet({ apiUrl: api, version, language: 'ru', privacyUrl: '/privacy' });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src ${api}; connect-src ${api}; form-action ${api}; style-src 'self'`,
    });
    res.end(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Издание</title></head>
<body><main><h1>Статья</h1><p>Текст статьи.</p>${snippet}</main></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  env.ALLOWED_ORIGINS = siteOrigin;
  browser = await openBrowser();
});
const stack = useLocalStack(env);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => site?.close(() => resolve()));
});

describe('the widget embedded on the outlet’s own origin', () => {
  it('is styled under a CSP without style-src for the API and subscribes cross-origin when the origin is allowed', async () => {
    const page = await browser.context.newPage();
    // No X-Forwarded-For here: a custom header would need its own CORS preflight permission.
    const script = page.waitForResponse((r) => r.url().startsWith(`${stack.current.apiUrl}/widget.js`));
    await page.goto(`${siteOrigin}/`);
    expect((await script).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const widget = page.locator('belarus-weekly-signup');
    const button = widget.getByRole('button', { name: t('ru', 'form.subscribe.button') });
    await button.waitFor();
    const background = await button.evaluate(
      (b) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(b)
          .backgroundColor,
    );
    expect(background).toBe('rgb(11, 87, 208)');
    expect(await widget.getByRole('link', { name: t('ru', 'widget.privacy') }).getAttribute('href')).toBe(
      `${siteOrigin}/privacy`,
    );
    await expectAccessible(page, 'widget on a foreign origin (ru)');

    await widget.getByRole('textbox').fill('cross.origin@example.org');
    const post = page.waitForResponse((r) => r.request().method() === 'POST');
    await button.click();
    expect((await post).headers()['access-control-allow-origin']).toBe(siteOrigin);
    await expect.poll(() => widget.getByRole('status').textContent()).toContain('cross.origin@example.org');
    expect(await subscriberStatus(stack.current, 'cross.origin@example.org')).toBe('pending');
  });

  it('cannot post from an origin missing from ALLOWED_ORIGINS, and says the server could not be reached', async () => {
    const page = await browser.context.newPage();
    await page.goto(siteOrigin.replace('127.0.0.1', 'localhost'));
    const widget = page.locator('belarus-weekly-signup');
    await widget.getByRole('textbox').fill('wrong.origin@example.org');
    await widget.getByRole('button').click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe(t('ru', 'widget.network'));
    await expect(cli(stack.current, ['subscribers', 'export', 'wrong.origin@example.org'])).rejects.toThrow(
      'no data is held',
    );
  });
});
