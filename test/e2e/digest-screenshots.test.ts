import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.ts';
import { useSampleSite } from './support/sample-site.ts';

const site = useSampleSite();
const stack = site.stack;

const VIEWS = [375, 800].flatMap((width) => (['light', 'dark'] as const).map((scheme) => ({ width, scheme })));

describe('the digest at phone and desktop widths, light and dark', () => {
  it.each(VIEWS)('renders the Belarusian digest at $width px ($scheme) without horizontal scrolling', async (v) => {
    const page = await site.browser.context.newPage();
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
