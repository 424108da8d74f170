import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { signedFetch } from '../support/signed.ts';
import { expectAccessible } from './support/browser.ts';
import { deskPage, deskShots, useDeskSite } from './support/desk.ts';

// Issue 22 item 3: the Readers, Feeds and Settings pages, as editor and as the data role.
const env: Record<string, string> = { EDITOR_EMAILS: 'editor@example.org' };
let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
  env.FEEDS = JSON.stringify({ en: [`${feeds.url}/en/rss.xml`, `${feeds.url}/error`] });
});
afterAll(async () => {
  await feeds.close();
});
const site = useDeskSite(env);
type DeskPage = Awaited<ReturnType<typeof deskPage>>;
const status = (page: DeskPage) => page.locator('#status');

describe('the editors’ desk, readers', () => {
  it('shows the counts per language and the last 12 weeks, without the lookup for an editor', async () => {
    const page = await deskPage(site, '#/readers');
    await page.getByRole('heading', { level: 1, name: 'Readers' }).waitFor();
    const confirmed = page.locator('#reader-counts tr[data-language] td[data-status="confirmed"]');
    expect(await confirmed.allTextContents()).toEqual(['2', '2', '2']);
    const weeks = page.locator('#reader-weeks tbody tr');
    expect(await weeks.count()).toBe(12);
    expect(await weeks.last().getAttribute('data-week')).toBe(site.edition);
    expect(await weeks.last().locator('td[data-count="new"]').textContent()).toContain('6');
    expect(await page.locator('#reader-lookup').count()).toBe(0);
    await page.getByText('needs the data role').waitFor();
    await expectAccessible(page, 'desk: readers (editor)');
    await deskShots(page, 'readers');
    await page.close();
  });

  it("answers the editor's own session 403 for a lookup (the page does not offer it)", async () => {
    const page = await deskPage(site, '#/readers');
    await page.getByRole('heading', { level: 1, name: 'Readers' }).waitFor();
    expect(await page.locator('#reader-lookup').count()).toBe(0);
    // The credentials the desk signs with after the editor's sign-in (the identity-pool stand-in's, role editor).
    const raw = await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
        'desk.session',
      ),
    );
    const session = JSON.parse(raw ?? '{}') as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
    const res = await signedFetch(site.stack.current, 'POST', '/admin/subscribers/lookup', {
      body: JSON.stringify({ email: 'desk-reader-2@example.org' }),
      contentType: 'application/json',
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /is not authorized to perform: execute-api:Invoke/,
    );
    await page.close();
  });

  it("names the data role when an editor's session calls a data route (the page believes the groups, the API not)", async () => {
    // The page offers the lookup by the id token's groups; the API decides by the credentials' role. The UI never
    // offers an editor a data route, so the stored groups are set to "data" by hand: offered, then refused by role.
    const page = await deskPage(site, '#/readers');
    await page.getByRole('heading', { level: 1, name: 'Readers' }).waitFor();
    await page.evaluate(() => {
      const store = (
        globalThis as unknown as {
          sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
        }
      ).sessionStorage;
      const session = JSON.parse(store.getItem('desk.session') ?? '{}') as { groups: string[] };
      store.setItem('desk.session', JSON.stringify({ ...session, groups: ['data'] }));
    });
    await page.reload();
    await page.getByLabel("Reader's address").fill('desk-reader-2@example.org');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect
      .poll(() => status(page).textContent())
      .toBe('This needs the data role: ask an administrator to add you to the data group.');
    expect(await status(page).getAttribute('data-kind')).toBe('error');
    expect(await page.locator('#reader-result').textContent()).toBe('');
    await page.close();
  });

  it('lets the data role look a reader up (masked), download their data and erase them after a confirmation', async () => {
    const page = await deskPage(site, '#/readers', 3_600_000, ['data']);
    await page.getByLabel("Reader's address").fill('desk-reader-1@example.org');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Found the reader.');
    const result = page.locator('#reader-result');
    expect(await result.textContent()).toContain('d***@example.org');
    expect(await result.textContent()).not.toContain('desk-reader-1');
    await expectAccessible(page, 'desk: reader lookup (data)');
    await deskShots(page, 'readers-data');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export (download)' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported).toMatchObject({ email: 'desk-reader-1@example.org', status: 'confirmed' });
    await expect.poll(() => status(page).textContent()).toBe('Downloaded the data of d***@example.org.');

    await page.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase everything stored about d***@example.org?' });
    await dialog.waitFor();
    await expectAccessible(page, 'desk: erase confirmation');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Erased every record of d***@example.org.');
    await page.getByLabel("Reader's address").fill('desk-reader-1@example.org');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => status(page).textContent()).toBe('No data is held for that address.');
    await page.close();
  });
});

describe('the editors’ desk, feeds and settings', () => {
  it('shows each feed never pulled, pulls now, then shows what came, what was skipped and the failure', async () => {
    const page = await deskPage(site, '#/feeds');
    await page.getByRole('heading', { level: 1, name: 'Feeds' }).waitFor();
    expect(await page.getByText('Not pulled yet.').count()).toBe(2);
    await page.getByRole('button', { name: 'Pull now' }).click();
    await expect
      .poll(() => status(page).textContent())
      .toMatch(/^Pulled the feeds for \d{4}-W\d\d: \d+ new items, 1 feeds failed\.$/);
    const rss = page.locator(`li[data-url="${feeds.url}/en/rss.xml"]`);
    await expect.poll(() => rss.textContent()).toMatch(/Pulled on .* for \d{4}-W\d\d\./);
    expect(await rss.textContent()).toContain('out-of-week');
    const failed = page.locator(`li[data-url="${feeds.url}/error"]`);
    expect(await failed.textContent()).toMatch(/Failed on .*Why: .*500/);
    await expectAccessible(page, 'desk: feeds');
    await deskShots(page, 'feeds');
    await page.close();
  });

  it('shows the settings read-only, in Belarusian and Russian too', async () => {
    const page = await deskPage(site, '#/settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.locator('dl').textContent()).toContain('editor@example.org');
    expect(await page.locator('#sender-verified').textContent()).toBe('verified: may send');
    expect(await page.locator('dl').textContent()).toContain('cron(0 9 ? * FRI *)');
    await expectAccessible(page, 'desk: settings');
    await deskShots(page, 'settings');
    await page.getByLabel('Language').selectOption('be');
    await page.getByRole('heading', { level: 1, name: 'Налады' }).waitFor();
    await page.getByRole('link', { name: 'Чытачы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Чытачы' }).waitFor();
    await expectAccessible(page, 'desk: readers (be)');
    await page.locator('#desk-language').selectOption('ru');
    await page.getByRole('link', { name: 'Ленты' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ленты' }).waitFor();
    await expectAccessible(page, 'desk: feeds (ru)');
    await page.locator('#desk-language').selectOption('en');
    await page.close();
  });
});
