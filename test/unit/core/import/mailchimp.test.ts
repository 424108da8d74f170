import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../functions/core/import/index.ts';
import { FIXTURES, rowsOf } from './read-fixture.ts';

const SUBSCRIBED = 'subscribed_members_export_1a2b3c.csv';

// Expected rows written by hand from the fixtures (test/fixtures/imports/*_members_export_1a2b3c.csv).
const subscribedRows = [
  {
    line: 2,
    kind: 'confirmed',
    email: 'ales@example.by',
    language: 'be',
    optInAt: '2021-03-01T09:15:00.000Z',
    confirmedAt: '2021-03-01T09:20:11.000Z',
  },
  { line: 4, kind: 'confirmed', email: 'Olga@example.com', language: 'ru', confirmedAt: '2022-05-05T12:00:00.000Z' },
  { line: 5, kind: 'repermission', email: 'added@example.com', language: 'en' },
  { line: 6, kind: 'problem', code: 'invalid_address', reason: 'invalid e-mail address: email is not an address' },
  { line: 8, kind: 'problem', code: 'duplicate_in_file', reason: 'the same mailbox as line 4', firstLine: 4 },
  { line: 9, kind: 'problem', code: 'unknown_language', reason: 'unknown language "tlh"', value: 'tlh' },
  { line: 10, kind: 'problem', code: 'no_address', reason: 'no e-mail address' },
  { line: 11, kind: 'confirmed', email: 'tags@example.com', language: 'en', optInAt: '2020-12-31T23:59:59.000Z' },
];

describe('Mailchimp exports', () => {
  it('are detected from the header of each of the three files', () => {
    for (const name of [SUBSCRIBED, 'unsubscribed_members_export_1a2b3c.csv', 'cleaned_members_export_1a2b3c.csv']) {
      const header =
        readFileSync(join(FIXTURES, name), 'utf8')
          .replace(/^\uFEFF/, '')
          .split('\n')[0] ?? '';
      expect(detectFormat(header.split(','))).toBe('mailchimp');
    }
  });

  it('subscribed: times are evidence, language from the column or a tag, bad rows by their first line', async () => {
    expect(await rowsOf(SUBSCRIBED, { language: 'en' })).toEqual(subscribedRows);
  });

  it('reads the same rows when the bytes come one at a time (BOM, quotes and UTF-8 cut)', async () => {
    expect(await rowsOf(SUBSCRIBED, { language: 'en' }, 1)).toEqual(subscribedRows);
  });

  it('without --language, a row that names no language is a problem', async () => {
    const rows = await rowsOf(SUBSCRIBED);
    expect(rows.find((r) => r.line === 5)).toEqual({
      line: 5,
      kind: 'problem',
      code: 'no_language',
      reason: 'no language: the row has no language column or tag, and no --language was given',
    });
  });

  it('keeps no IP, name or note: only the fields of ImportRow', async () => {
    const text = JSON.stringify(await rowsOf(SUBSCRIBED, { language: 'en' }));
    for (const held of ['198.51.100.7', '203.0.113.9', 'Karatkevich', 'fair']) expect(text).not.toContain(held);
  });

  it('unsubscribed: every row is a suppression, whatever its times say', async () => {
    expect(await rowsOf('unsubscribed_members_export_1a2b3c.csv')).toEqual([
      { line: 2, kind: 'suppressed', email: 'left@example.com', reason: 'unsubscribed' },
      { line: 3, kind: 'suppressed', email: 'quiet@example.org', reason: 'unsubscribed' },
    ]);
  });

  it('cleaned: every row is a suppression as cleaned', async () => {
    expect(await rowsOf('cleaned_members_export_1a2b3c.csv')).toEqual([
      { line: 2, kind: 'suppressed', email: 'gone@example.net', reason: 'cleaned' },
    ]);
  });
});
