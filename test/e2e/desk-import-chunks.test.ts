import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IMPORT_CHUNK_BYTES } from '../../functions/core/import-outcome.ts';
import { deskPage, useDeskSite } from './support/desk.ts';

// Issue 24 item 5: the desk's import form splits a file over the 1 MiB chunk limit. The file (~2.5 MiB, three
// chunks) is generated here: 125 rows, each with a ~21 KB quoted note holding commas and line breaks, so each chunk
// boundary falls inside a record (the API seals the partial record into the progress and reads it in front of the
// next chunk; docs/importing.md).
const site = useDeskSite({ EDITOR_EMAILS: 'editor@example.org' });

function note(row: number): string {
  const words = `row ${row}, a long note with "quotes", commas,\nand line breaks; `;
  return `"${words.repeat(Math.ceil(21_000 / words.length)).replaceAll('"', '""')}"`;
}

/** 100 confirmed (en), 10 re-permission (ru), 10 unsubscribed, 3 invalid addresses, 2 repeats of earlier rows. */
function bigFile(): Buffer {
  const lines = ['email,lang,confirmed_at,status,notes'];
  for (let i = 0; i < 100; i++) lines.push(`chunked-${i}@example.com,en,2024-03-0${1 + (i % 9)},,${note(i)}`);
  for (let i = 0; i < 10; i++) lines.push(`ask-${i}@example.com,ru,,,${note(100 + i)}`);
  for (let i = 0; i < 10; i++) lines.push(`left-${i}@example.com,,,unsubscribed,${note(110 + i)}`);
  for (let i = 0; i < 3; i++) lines.push(`broken-${i}-example.com,en,,,${note(120 + i)}`);
  // The same mailboxes as the first rows (in chunk 0), now in the last chunk: problems across chunks.
  lines.push(`Chunked-0@example.com,en,2024-03-01,,${note(123)}`, `chunked-1@example.com,en,,,${note(124)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('the editors’ desk, importing a file of several chunks', () => {
  it('sends a 2.5 MiB file in 1 MiB chunks in order and shows the whole file’s outcome', async () => {
    const file = bigFile();
    expect(file.length).toBeGreaterThan(2.5 * IMPORT_CHUNK_BYTES);
    const page = await deskPage(site, '#/readers', 3_600_000, ['data']);
    const sent: { index: number; count: number; bytes: number }[] = [];
    page.on('request', (request: Request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/admin/subscribers/imports')) return;
      const { chunk } = request.postDataJSON() as { chunk: { index: number; count: number; data: string } };
      sent.push({ index: chunk.index, count: chunk.count, bytes: Buffer.from(chunk.data, 'base64').length });
    });
    await page.getByLabel('CSV file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: file });
    await page.getByLabel('Language of rows that name none').selectOption('en');
    await page.getByLabel('Dry run: only show what would happen, change nothing').click();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Imported big.csv.');

    // Every chunk but the last is exactly 1 MiB; together they are the file (an `again` may repeat a chunk).
    const chunks = [...new Map(sent.map((s) => [s.index, s])).values()];
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(chunks.every((c) => c.count === 3)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.bytes === IMPORT_CHUNK_BYTES)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.bytes, 0)).toBe(file.length);

    const cells = async (outcome: string) =>
      Object.fromEntries(
        await Promise.all(
          (await page.locator(`#import-outcomes tr[data-outcome="${outcome}"] td`).all()).map(async (td) => [
            await td.getAttribute('data-language'),
            await td.textContent(),
          ]),
        ),
      );
    expect(await cells('confirmed')).toMatchObject({ en: '100' });
    expect(await cells('repermission')).toMatchObject({ ru: '10' });
    expect(await cells('suppressed')).toMatchObject({ none: '10' });
    expect(await cells('problem')).toMatchObject({ none: '5' });
    const lines = (await page.locator('#import-problems li').all()).length;
    expect(lines).toBe(5);
    expect(await page.locator('#import-result').textContent()).not.toContain('@');
    // Six seeded readers, 100 confirmed and 10 pending re-permission (the total counts pending readers too).
    await page.reload();
    await page.locator('#reader-total').waitFor();
    expect(await page.locator('#reader-total').textContent()).toContain('116');
    await page.close();
  });
});
