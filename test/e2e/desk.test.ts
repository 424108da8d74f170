import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/browser.ts';
import { deskPage, useDeskSite } from './support/desk.ts';

const site = useDeskSite();

describe('the editors’ desk', () => {
  it('opens on this week, named by its edition, with the items per language', async () => {
    const page = await deskPage(site);
    await page.getByRole('heading', { level: 1, name: `This week: ${site.edition}` }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(0);
    await screenshot(page, 'desk-week-1280', { fullPage: true });
    await expectAccessible(page, 'desk: this week');
    await page.close();
  });
});
