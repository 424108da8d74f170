import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../functions/core/errors.ts';
import { importOptionsSchema } from '../../../../functions/core/import/index.ts';
import { rowsOf, rowsOfText } from './read-fixture.ts';

// Expected rows written by hand from the fixtures in test/fixtures/imports/.
describe('generic CSV', () => {
  it('reads a Windows-1251 file with ";" and columns named by map', async () => {
    const map = { email: 'Эл. пошта', language: 'Мова', confirmed_at: 'Падпісаны', status: 'Статус' };
    expect(await rowsOf('generic-windows-1251.csv', { encoding: 'windows-1251', map }, 5)).toEqual([
      { line: 2, kind: 'confirmed', email: 'ivan@example.ru', language: 'ru', confirmedAt: '2023-01-15T10:00:00.000Z' },
      { line: 3, kind: 'repermission', email: 'petr@example.ru', language: 'be' },
      { line: 4, kind: 'suppressed', email: 'zhanna@example.ru', reason: 'unsubscribed' },
      {
        line: 5,
        kind: 'problem',
        code: 'invalid_address',
        reason: 'invalid e-mail address: email has an invalid local part',
      },
    ]);
  });

  it('keeps the rows before an unclosed quote and reports the quote at its line', async () => {
    expect(await rowsOf('generic-unclosed-quote.csv')).toEqual([
      { line: 2, kind: 'confirmed', email: 'a@example.com', language: 'en', confirmedAt: '2024-01-01T00:00:00.000Z' },
      { line: 3, kind: 'repermission', email: 'b@example.com', language: 'be' },
      {
        line: 4,
        kind: 'problem',
        code: 'unclosed_quote',
        reason: 'a quoted field is never closed: the file ends inside it',
      },
    ]);
  });

  it('counts lines across quoted line breaks, CRLF and blank lines', async () => {
    const text = 'email,status,note\r\n\r\n"x@example.com",bounced,"two\r\nlines"\r\ny@example.com,complained,\r\n';
    expect(await rowsOfText(text, { fileName: 'f.csv' })).toEqual([
      { line: 3, kind: 'suppressed', email: 'x@example.com', reason: 'bounced' },
      { line: 5, kind: 'suppressed', email: 'y@example.com', reason: 'complained' },
    ]);
  });

  it('a status of confirmed is evidence; an unreadable time is a problem', async () => {
    const text = 'email,status,optin_at\nz@example.com,confirmed,\nw@example.com,,last spring\n';
    expect(await rowsOfText(text, { fileName: 'f.csv', language: 'be' })).toEqual([
      { line: 2, kind: 'confirmed', email: 'z@example.com', language: 'be' },
      {
        line: 3,
        kind: 'problem',
        code: 'unreadable_optin_time',
        reason: 'unreadable opt-in time "last spring"',
        value: 'last spring',
      },
    ]);
  });

  it('format overrides detection: a Ghost-looking file read as generic has no evidence', async () => {
    const text = 'email,subscribed_to_emails,created_at\nm@example.com,true,2020-01-01T00:00:00Z\n';
    expect(await rowsOfText(text, { fileName: 'f.csv', language: 'en', format: 'generic' })).toEqual([
      { line: 2, kind: 'repermission', email: 'm@example.com', language: 'en' },
    ]);
  });

  it('a header no format reads, or a mapped column the file lacks, is refused before any row', async () => {
    await expect(rowsOfText('name,phone\nA,1\n', { fileName: 'f.csv' })).rejects.toThrow(
      new InvalidInputError('import_format', 'line 1: no known export has this header'),
    );
    await expect(
      rowsOfText('email\na@example.com\n', { fileName: 'f.csv', map: { language: 'Lang' } }),
    ).rejects.toThrow('map language=Lang: the file has no column "Lang"');
  });
});

describe('importOptionsSchema', () => {
  it('takes the options and refuses an unknown format, language, encoding or mapped field', () => {
    const ok = { fileName: 'a.csv', format: 'ghost', language: 'be', encoding: 'windows-1251', map: { email: 'E' } };
    expect(importOptionsSchema.safeParse(ok).success).toBe(true);
    for (const bad of [{ format: 'excel' }, { language: 'de' }, { encoding: 'koi8-r' }, { map: { name: 'N' } }, {}]) {
      expect(importOptionsSchema.safeParse({ fileName: 'a.csv', ...bad }).success, JSON.stringify(bad)).toBe(
        Object.keys(bad).length === 0,
      );
    }
    expect(importOptionsSchema.safeParse({}).success).toBe(false);
  });

  it('repeats at most 80 characters of a cell in a problem', async () => {
    const long = 'x'.repeat(5000);
    const [row] = await rowsOfText(`email,lang\na@example.com,${long}\n`, { fileName: 'f.csv' });
    const clipped = `${'x'.repeat(79)}…`;
    expect(row).toEqual({
      line: 2,
      kind: 'problem',
      code: 'unknown_language',
      reason: `unknown language "${clipped}"`,
      value: clipped,
    });
  });
});
