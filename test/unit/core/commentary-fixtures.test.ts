import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstParagraph } from '../../../functions/core/commentary.ts';
import { FIXTURES, fixture, parsed, problems } from './commentary-files.ts';

describe('parseCommentary on fixture files', () => {
  const valid = ['en', 'be', 'ru'].flatMap((lang) =>
    readdirSync(join(FIXTURES, '2026-W48', lang)).map((name) => `2026-W48/${lang}/${name}`),
  );

  it.each(valid)('accepts %s', (path) => {
    const commentary = parsed(fixture(path));
    expect(commentary.edition).toBe('2026-W48');
    expect(path.startsWith(`2026-W48/${commentary.language}/`)).toBe(true);
    expect(commentary.lead.length).toBeGreaterThan(20);
  });

  it('reads every field of a full file', () => {
    const commentary = parsed(fixture('2026-W48/en/belarus-west.md'));
    expect(commentary).toMatchObject({
      key: 'belarus-west-2026-w48',
      slug: 'belarus-west-2026-w48',
      language: 'en',
      edition: '2026-W48',
      date: '2026-11-24',
      title: 'Little prospect of normalization',
      topic: 'Belarus–West relations',
      trend: 'worse',
      url: 'https://example.org/en/commentary/belarus-west-2026-w48',
    });
    expect(commentary.body).toMatch(/^Minsk's signals/);
    expect(commentary.body).toMatch(/will not change the sanctions framework\.$/);
  });

  it('gives translations of one commentary the same key', () => {
    const keys = ['en', 'be', 'ru'].map((lang) => parsed(fixture(`2026-W48/${lang}/economy.md`)).key);
    expect(new Set(keys)).toEqual(new Set(['economy-2026-w48']));
  });

  it('uses the lead from the front matter when given', () => {
    expect(parsed(fixture('2026-W48/ru/repressions.md')).lead).toBe(
      'Масштаб политического преследования остаётся стабильным, но всё чаще оно направлено на белорусов за рубежом и их родственников дома.',
    );
  });

  it('lists every missing field of a file at once', () => {
    expect(problems(fixture('invalid/missing-fields.md'))).toEqual([
      { path: 'invalid/missing-fields.md', field: 'title', message: 'is required' },
      { path: 'invalid/missing-fields.md', field: 'topic', message: 'is required' },
      { path: 'invalid/missing-fields.md', field: 'url', message: 'is required' },
    ]);
  });

  it('lists every bad value of a file at once', () => {
    const fields = problems(fixture('invalid/bad-values.md')).map((p) => p.field);
    expect(fields.sort()).toEqual(['date', 'edition', 'language', 'slug', 'trend', 'url']);
  });

  it('reports a YAML syntax error as one line naming the field and its line in the file', () => {
    const [problem, ...rest] = problems(fixture('invalid/broken-yaml.md'));
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      path: 'invalid/broken-yaml.md',
      field: 'title',
      message: 'a [ or { is not closed (line 3)',
    });
  });

  it('reports a file with front matter but no body', () => {
    expect(problems(fixture('invalid/no-body.md')).map((p) => p.field)).toEqual(['body']);
  });
});

describe('the default lead', () => {
  it('is the first paragraph, skipping headings, lists and blank lines', () => {
    const commentary = parsed(fixture('2026-W48/en/economy.md'));
    expect(commentary.lead).toMatch(/^The official statistics for October/);
    expect(commentary.lead).toMatch(/driven by labour shortages\.$/);
  });

  it('skips a leading heading and list', () => {
    expect(firstParagraph('# Title\n\n- one\n- two\n\nThe *real* lead\nover two lines.\n\nMore.')).toBe(
      'The *real* lead\nover two lines.',
    );
  });

  it('is undefined when there is no paragraph', () => {
    expect(firstParagraph('## Heading\n\n1. item')).toBeUndefined();
  });
});

describe('the seeded sample commentaries', () => {
  const dir = join(import.meta.dirname, '../../../local/samples');
  const names = readdirSync(dir).filter((name) => name.endsWith('.md'));

  it('are three per language', () => {
    const languages = names.map((name) => parsed({ path: name, text: readFileSync(join(dir, name), 'utf8') }).language);
    expect(languages.sort()).toEqual(['be', 'be', 'be', 'en', 'en', 'en', 'ru', 'ru', 'ru']);
  });

  it.each(names)('%s parses, is flagged and is plainly marked as a sample', (name) => {
    const commentary = parsed({ path: name, text: readFileSync(join(dir, name), 'utf8') });
    expect(commentary.sample).toBe(true);
    expect(commentary.title).toMatch(/^\[(Sample|Узор|Образец)\] /);
    expect(commentary.lead).toMatch(/sample commentary|ўзор каментара|образец комментария/);
  });
});
