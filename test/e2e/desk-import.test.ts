import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/browser.ts';
import { deskPage, deskShots, useDeskSite } from './support/desk.ts';

// Issue 24 item 5: the desk (data role) uploads a file and shows the outcome; editors see nothing of it.
const site = useDeskSite({ EDITOR_EMAILS: 'editor@example.org' });
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'imports', 'buttondown-subscribers.csv');
const status = (page: Page) => page.locator('#status');

/** The outcome table as {outcome: {language: count}} (only the cells that are not 0). */
async function outcomes(page: Page): Promise<Record<string, Record<string, string>>> {
  const table: Record<string, Record<string, string>> = {};
  for (const row of await page.locator('#import-outcomes tbody tr').all()) {
    const cells: Record<string, string> = {};
    for (const cell of await row.locator('td').all()) {
      const text = (await cell.textContent()) ?? '';
      if (text !== '0') cells[(await cell.getAttribute('data-language')) ?? ''] = text;
    }
    table[(await row.getAttribute('data-outcome')) ?? ''] = cells;
  }
  return table;
}

async function importFile(page: Page, dryRun: boolean): Promise<void> {
  await page.getByLabel('CSV file').setInputFiles(FIXTURE);
  await page.getByLabel('Format').selectOption('');
  await page.getByLabel('Language of rows that name none').selectOption('ru');
  const box = page.getByLabel('Dry run: only show what would happen, change nothing');
  if ((await box.isChecked()) !== dryRun) await box.click();
  await page.getByRole('button', { name: 'Start' }).click();
}

describe('the editors’ desk, importing a list', () => {
  it('lets the data role try a file as a dry run, then import it, and shows each outcome per language', async () => {
    const page = await deskPage(site, '#/readers', 3_600_000, ['data']);
    await page.getByRole('heading', { level: 2, name: 'Import a list' }).waitFor();
    expect(await page.getByLabel('Dry run: only show what would happen, change nothing').isChecked()).toBe(true);
    expect(await page.getByLabel('Format').locator('option').allTextContents()).toEqual([
      'Detect from the header',
      'Mailchimp',
      'Substack',
      'listmonk',
      'Ghost',
      'Buttondown',
      'Other CSV',
    ]);

    await importFile(page, true);
    await expect
      .poll(() => status(page).textContent())
      .toBe('Dry run of buttondown-subscribers.csv done: nothing was changed.');
    expect(await page.locator('#import-outcomes caption').textContent()).toContain('dry run');
    // The fixture's last row (line 6) has a subscriber type no one knows: a problem, shown by its line.
    const expected = {
      confirmed: { en: '1' },
      suppressed: { none: '2' },
      repermission: { be: '1' },
      problem: { none: '1' },
    };
    expect(await outcomes(page)).toEqual(expected);
    expect(await page.locator('#import-problems li').allTextContents()).toEqual(['Line 6: unknown status “mystery”']);
    expect(await page.locator('#import-progress').count()).toBe(0);
    // A dry run changed nothing: the readers' counts are the six seeded readers.
    await page.reload();
    await page.locator('#reader-total').waitFor();
    expect(await page.locator('#reader-total').textContent()).toContain('6');

    await importFile(page, false);
    await expect.poll(() => status(page).textContent()).toBe('Imported buttondown-subscribers.csv.');
    expect(await page.locator('#import-outcomes caption').textContent()).toBe('What became of each row');
    expect(await outcomes(page)).toEqual(expected);
    expect(await page.locator('#import-result').textContent()).not.toContain('@');
    await expectAccessible(page, 'desk: import outcome (data)');
    await page.locator('#import-result').scrollIntoViewIfNeeded();
    await deskShots(page, 'readers-import');
    await page.reload();
    await page.locator('#reader-total').waitFor();
    expect(await page.locator('#reader-total').textContent()).toContain('8');
    await page.close();
  });

  it('shows the problems by line, without an address', async () => {
    const page = await deskPage(site, '#/readers', 3_600_000, ['data']);
    await page.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,lang,confirmed_at\nok@example.com,en,2024-01-01\nnot-an-address,en,\n'),
    });
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Dry run of bad.csv done: nothing was changed.');
    expect(await page.locator('#import-problems li').allTextContents()).toEqual([expect.stringMatching(/^Line 3: /)]);
    expect(await page.locator('#import-result').textContent()).not.toContain('not-an-address');
    await expectAccessible(page, 'desk: import problems (data)');
    await page.close();
  });

  it('names each problem in the editor’s language, from its code', async () => {
    const page = await deskPage(site, '#/readers', 3_600_000, ['data']);
    await page.locator('#desk-language').selectOption('be');
    await page.getByRole('heading', { level: 2, name: 'Імпартаваць спіс' }).waitFor();
    const csv =
      'email,lang,confirmed_at\nok@example.com,en,2024-01-01\nnot-an-address,en,\nk@example.com,tlh,\nOK@example.com,ru,\n';
    await page
      .locator('#import-file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#reader-import button[type=submit]').click();
    await expect.poll(() => status(page).textContent()).toBe('Пробны прагон bad.csv скончаны: нічога не зменена.');
    expect(await page.locator('#import-problems li').allTextContents()).toEqual([
      'Радок 3: няправільны адрас электроннай пошты',
      'Радок 4: невядомая мова «tlh»',
      'Радок 5: той жа адрас, што ў радку 2',
    ]);
    await page.locator('#desk-language').selectOption('en');
    await page.close();
  });

  it('offers an editor nothing of the import', async () => {
    const page = await deskPage(site, '#/readers');
    await page.getByRole('heading', { level: 1, name: 'Readers' }).waitFor();
    await page.locator('#reader-total').waitFor();
    expect(await page.locator('#reader-import').count()).toBe(0);
    expect(await page.getByText('Import a list').count()).toBe(0);
    await page.close();
  });
});
