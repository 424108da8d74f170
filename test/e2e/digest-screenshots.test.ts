import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionAt } from '../../functions/core/edition.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { seedSamples } from '../../local/seed.ts';
import { useLocalStack } from '../support/local.ts';
import { openBrowser, screenshot, type TestBrowser } from './support/browser.ts';

const stack = useLocalStack();
let browser: TestBrowser;

beforeAll(async () => {
  browser = await openBrowser();
  const ctx = await createSendContext(stack.current.env);
  await seedSamples(ctx, editionAt(Date.now(), ctx.config.TIMEZONE));
});
afterAll(async () => {
  await browser?.close();
});

const VIEWS = [375, 800].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

describe('the digest at phone and desktop widths, light and dark', () => {
  it.each(VIEWS)('renders the Belarusian digest at $width px ($scheme) without horizontal scrolling', async (v) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: v.width, height: 900 });
    await page.emulateMedia({ colorScheme: v.scheme });
    await page.goto(`${stack.current.apiUrl}/preview/be`);
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
      return d.documentElement.scrollWidth;
    });
    expect(overflow).toBeLessThanOrEqual(v.width);
    await screenshot(page, `digest-be-${v.width}-${v.scheme}`, { fullPage: true });
    await page.close();
  });
});
