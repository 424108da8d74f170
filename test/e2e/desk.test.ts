import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/browser.ts';
import { account, deskPage, deskShots, signInThroughForm, useDeskSite } from './support/desk.ts';
import { waitForMail } from './support/mail.ts';

const site = useDeskSite();
const status = (page: Awaited<ReturnType<typeof deskPage>>) => page.locator('#status');

describe('the editors’ desk, this week', () => {
  it('opens on the current edition, named, and is accessible at phone and desktop width', async () => {
    const page = await deskPage(site);
    await page.getByRole('heading', { level: 1, name: `This week: ${site.edition}` }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'English' }).count()).toBe(1);
    await expectAccessible(page, 'desk: this week');
    await deskShots(page, 'week');
    await page.close();
  });

  it('previews a language at phone and desktop width in a sandboxed frame, and mails a test copy to me', async () => {
    const page = await deskPage(site);
    const EDITOR = account(site).username;
    await page.locator('#preview-phone-en').click();
    await expect.poll(() => status(page).textContent()).toBe('Showing the digest in English: Phone preview.');
    const frame = page.locator('#preview-en iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('width')).toBe('375');
    await expect.poll(() => page.frameLocator('#preview-en iframe').locator('body').textContent()).toContain('Belarus');
    await page.locator('#preview-desktop-en').click();
    await expect.poll(() => frame.getAttribute('width')).toBe('1024');
    await expectAccessible(page, 'desk: preview');
    await page.getByRole('button', { name: `Send a test copy to ${EDITOR}` }).click();
    await expect.poll(() => status(page).textContent()).toBe(`Sent a test copy to ${EDITOR}.`);
    const mail = await waitForMail(site.stack.current, EDITOR, /TEST/);
    expect(mail.subject).toContain('[TEST]');
    await page.close();
  });

  it('reorders (shared by every language), removes and restores an item, and sets the intro note', async () => {
    const page = await deskPage(site);
    const keys = (lang: string) =>
      page.locator(`#lang-${lang} ~ ol li button[id^="toggle-"]`).evaluateAll((els) => els.map((e) => e.id.slice(10)));
    const titles = () => page.locator('#lang-en ~ ol .title').allTextContents();
    await page.getByRole('heading', { level: 2, name: 'English' }).waitFor();
    const before = await titles();
    expect(before.length).toBeGreaterThan(2);
    const [first, second, third] = before as [string, string, string];
    await page.getByRole('button', { name: `Move “${second}” up` }).click();
    await expect.poll(() => status(page).textContent()).toBe(`Moved “${second}” up.`);
    expect((await titles()).slice(0, 2)).toEqual([second, first]);
    // The order is the edition's, by key: Belarusian follows.
    expect(await keys('be')).toEqual(await keys('en'));
    // The focus stays on the moved item (its other arrow, the up one being disabled at the top).
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id,
      ),
    ).toMatch(/^down-en-/);

    await page.getByRole('button', { name: `Remove “${third}”` }).click();
    await expect.poll(() => status(page).textContent()).toBe(`Removed “${third}”: it will not be sent.`);
    await page.locator('#preview-desktop-en').click();
    await expect.poll(() => page.frameLocator('#preview-en iframe').locator('body').textContent()).not.toContain(third);
    await page.getByRole('button', { name: `Restore “${third}”` }).click();
    await expect.poll(() => status(page).textContent()).toBe(`Restored “${third}”.`);

    await page.getByLabel('Intro note in English (empty: none)').fill('A quiet week in Minsk.');
    await page.getByRole('button', { name: 'Save note' }).first().click();
    await expect.poll(() => status(page).textContent()).toBe('Saved the intro note in English.');
    await page.locator('#preview-desktop-en').click();
    await expect
      .poll(() => page.frameLocator('#preview-en iframe').locator('body').textContent())
      .toContain('A quiet week in Minsk.');
    await expectAccessible(page, 'desk: this week after changes');
    await page.close();
  });

  it('holds (the schedule and Send then answer held), releases, and sends after a confirmation', async () => {
    const page = await deskPage(site);
    const { edition } = site;
    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    await expect.poll(() => status(page).textContent()).toBe(`${edition} is held.`);
    await expect.poll(() => page.locator('#week-state').textContent()).toContain('Held');
    expect((await site.stack.current.dispatch({ edition })).result.status).toBe('held');
    await page.getByRole('button', { name: 'Send…' }).click();
    await page.getByRole('button', { name: `Send ${edition}` }).click();
    await expect.poll(() => status(page).textContent()).toMatch(/409.*held/);
    await page.getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => status(page).textContent()).toBe(`${edition} is released: it goes out on schedule.`);

    await page.getByRole('button', { name: 'Send…' }).click();
    const dialog = page.getByRole('dialog', { name: `Send ${edition} now?` });
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      'English: 2 readers',
      'Беларуская: 2 readers',
      'Русский: 2 readers',
    ]);
    await expectAccessible(page, 'desk: send confirmation');
    await deskShots(page, 'send-confirmation');
    await dialog.getByRole('button', { name: `Send ${edition}` }).click();
    await expect.poll(() => status(page).textContent()).toBe(`Sending ${edition} has started.`);

    await page.getByRole('link', { name: 'See the report' }).click();
    await page.getByRole('heading', { level: 1, name: `Edition ${edition}` }).waitFor();
    await expect.poll(() => page.locator('#edition-state').textContent()).toBe('Sent.');
    const sent = page.locator('tr[data-language] td[data-count="sent"]');
    expect(await sent.allTextContents()).toEqual(['2', '2', '2']);
    await expectAccessible(page, 'desk: edition report');
    await deskShots(page, 'report');
    await page.close();
  });
});

describe('the editors’ desk, editions and languages', () => {
  it('lists the editions with their report', async () => {
    const page = await deskPage(site, '#/editions');
    await page.getByRole('heading', { level: 1, name: 'Editions' }).waitFor();
    await page.getByRole('link', { name: site.edition }).waitFor();
    await expectAccessible(page, 'desk: editions');
    await deskShots(page, 'editions');
    await page.close();
  });

  it('speaks the editor’s language and remembers it', async () => {
    const page = await deskPage(site);
    await page.getByRole('heading', { level: 1, name: `This week: ${site.edition}` }).waitFor();
    await page.getByLabel('Language').selectOption('be');
    await page.getByRole('heading', { level: 1, name: `Гэты тыдзень: ${site.edition}` }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Гэты тыдзень: ${site.edition}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('be');
    await expectAccessible(page, 'desk: this week (be)');
    await deskShots(page, 'week-be');
    await page.getByLabel('Мова').selectOption('en');
    await page.close();
  });
});

describe('the editors’ desk, sessions', () => {
  it('signs in again when the session expired, by its own clock or by the API’s 403, and returns to the page', async () => {
    const page = await deskPage(site, '#/editions');
    const url = `${site.stack.current.apiUrl}/desk/#/editions`;
    const heading = page.getByRole('heading', { level: 1, name: 'Editions' });
    await heading.waitFor();
    // The desk sees its credentials expired (one hour, on both clocks moved ahead): it signs in before calling.
    site.shiftClock(61 * 60_000);
    await page.clock.setFixedTime(Date.now() + 61 * 60_000);
    await page.reload();
    await signInThroughForm(page, site);
    await page.waitForURL(url);
    await heading.waitFor();
    // The API says the token expired while the desk still holds it as valid: the 403 sends it to sign in again.
    site.shiftClock(122 * 60_000);
    await page.clock.setFixedTime(Date.now() + 122 * 60_000);
    await page.evaluate(() => {
      const store = (
        globalThis as unknown as { sessionStorage: Record<'getItem' | 'setItem', (...a: string[]) => string> }
      ).sessionStorage;
      const session = JSON.parse(store.getItem('desk.session') as string) as { expiration: number };
      store.setItem('desk.session', JSON.stringify({ ...session, expiration: session.expiration + 36_000_000 }));
    });
    const refused = page.waitForResponse((r) => r.url().includes('/admin/') && r.status() === 403);
    await page.reload();
    // (Only an expired-token 403 leads to the sign-in; the desk shows any other refusal.)
    expect((await refused).status()).toBe(403);
    await signInThroughForm(page, site);
    await page.waitForURL(url);
    await heading.waitFor();
    await page.close();
  });
});
