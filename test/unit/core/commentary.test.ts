import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Commentary,
  commentaryFrontMatterSchema,
  commentaryKey,
  firstParagraph,
  parseCommentary,
} from '../../../functions/core/commentary.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/commentaries');

function fixture(relative: string): { path: string; text: string } {
  return { path: relative, text: readFileSync(join(FIXTURES, relative), 'utf8') };
}

function parsed(source: { path: string; text: string }): Commentary {
  const result = parseCommentary(source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.commentary;
}

function problems(source: { path: string; text: string }) {
  const result = parseCommentary(source);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const VALID = {
  title: 'Little prospect of normalization',
  language: 'en',
  date: '2026-11-24',
  topic: 'Belarus–West relations',
  url: 'https://example.org/commentary/123',
};

function file(front: Record<string, unknown>, body = 'A body paragraph.'): { path: string; text: string } {
  const yaml = Object.entries(front)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return { path: 'inline.md', text: `---\n${yaml}\n---\n${body}\n` };
}

describe('commentaryFrontMatterSchema', () => {
  it('accepts the documented fields', () => {
    const result = commentaryFrontMatterSchema.safeParse({
      ...VALID,
      edition: '2026-W48',
      trend: 'worse',
      slug: 'a-1',
    });
    expect(result.success).toBe(true);
  });

  it('accepts a date that YAML read as a Date object', () => {
    const result = commentaryFrontMatterSchema.safeParse({ ...VALID, date: new Date('2026-11-24T00:00:00Z') });
    expect(result.data?.date).toBe('2026-11-24');
  });

  it('rejects a title over 300 characters', () => {
    expect(commentaryFrontMatterSchema.safeParse({ ...VALID, title: 'x'.repeat(301) }).success).toBe(false);
  });
});

describe('parseCommentary', () => {
  it.each(['title', 'language', 'date', 'topic', 'url'])('names the missing required field %s', (field) => {
    const front: Record<string, unknown> = { ...VALID };
    delete front[field];
    expect(problems(file(front))).toEqual([{ path: 'inline.md', field, message: 'is required' }]);
  });

  it.each([
    ['title', ''],
    ['title', 42],
    ['language', 'de'],
    ['date', '2026-02-30'],
    ['date', '24.11.2026'],
    ['edition', '2026-W54'],
    ['edition', '2025-W53'],
    ['edition', 'W48'],
    ['trend', 'stable'],
    ['url', 'example.org/commentary/1'],
    ['url', 'ftp://example.org/x'],
    ['url', 'javascript:alert(1)'],
    ['slug', 'Has Spaces'],
    ['lead', ''],
    ['sample', 'yes'],
  ])('reports a bad %s (%j)', (field, value) => {
    const found = problems(file({ ...VALID, [field]: value }));
    expect(found.map((p) => p.field)).toEqual([field]);
    expect(found[0]?.path).toBe('inline.md');
  });

  it('reports an unknown field as a likely typo', () => {
    expect(problems(file({ ...VALID, tittle: 'x' })).map((p) => p.field)).toEqual(['tittle']);
  });

  it('reports an empty body', () => {
    expect(problems(file(VALID, '  \n'))).toEqual([
      { path: 'inline.md', field: 'body', message: 'the commentary has no body' },
    ]);
  });

  it('reports a body without any paragraph when no lead is given', () => {
    expect(problems(file(VALID, '## Only a heading\n\n- and a list')).map((p) => p.field)).toEqual(['lead']);
  });

  it('reports a file without front matter', () => {
    expect(problems({ path: 'x.md', text: 'Just text.' }).map((p) => p.field)).toEqual(['(front matter)']);
  });

  it('reports front matter that is not a mapping', () => {
    expect(problems({ path: 'x.md', text: '---\n- a\n- b\n---\nBody.' }).map((p) => p.field)).toEqual([
      '(front matter)',
    ]);
  });

  it('reads the sample flag and CRLF line endings', () => {
    const { text } = file({ ...VALID, sample: true });
    const commentary = parsed({ path: 'x.md', text: text.replace(/\n/g, '\r\n') });
    expect(commentary.sample).toBe(true);
    expect(commentary.lead).toBe('A body paragraph.');
  });

  it('renders the lead to HTML and text at import, so sending needs no Markdown library', () => {
    const commentary = parsed(file(VALID, 'A *body* with [a link](https://example.org/x).'));
    expect(commentary.leadHtml).toBe('A <em>body</em> with <a href="https://example.org/x">a link</a>.');
    expect(commentary.leadText).toBe('A body with a link (https://example.org/x).');
  });

  it('omits optional fields that are absent', () => {
    const commentary = parsed(file(VALID));
    expect(Object.keys(commentary).sort()).toEqual(
      ['key', 'language', 'edition', 'date', 'title', 'topic', 'url', 'lead', 'leadHtml', 'leadText', 'body'].sort(),
    );
  });
});

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

  it('reports a YAML syntax error with its line in the file', () => {
    const [problem, ...rest] = problems(fixture('invalid/broken-yaml.md'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: 'invalid/broken-yaml.md', field: '(front matter)' });
    expect(problem?.message).toMatch(/\(line \d+\)$/);
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

describe('commentaryKey', () => {
  it('is the slug when given', () => {
    expect(commentaryKey({ slug: 'belarus-west-2026-w48', url: 'https://example.org/a' })).toBe(
      'belarus-west-2026-w48',
    );
  });

  it('is a short stable hash of the url otherwise', () => {
    const key = commentaryKey({ url: 'https://example.org/commentary/123' });
    expect(key).toMatch(/^url-[0-9a-f]{16}$/);
    expect(key).toBe('url-455f8bfb5338a6f4');
    expect(commentaryKey({ url: 'https://example.org/commentary/124' })).not.toBe(key);
  });

  it('is the same when the same file is parsed again', () => {
    expect(parsed(file(VALID)).key).toBe(parsed(file(VALID)).key);
    expect(parsed(file(VALID)).key).toBe(commentaryKey({ url: VALID.url }));
  });

  it('does not depend on the case of the host', () => {
    expect(commentaryKey({ url: 'https://EXAMPLE.org/commentary/123' })).toBe(
      commentaryKey({ url: 'https://example.org/commentary/123' }),
    );
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
