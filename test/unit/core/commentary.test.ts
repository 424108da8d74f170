import { describe, expect, it } from 'vitest';
import { commentaryFrontMatterSchema, commentaryKey } from '../../../functions/core/commentary.ts';
import { file, parsed, problems, VALID } from './commentary-files.ts';

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

  it('removes bidi overrides and isolates from the title, topic, lead and body', () => {
    const c = parsed(
      file(
        { ...VALID, title: 'Minsk \u202Eexe.gnp', topic: '\u2066Economy\u2069', lead: 'Lead \u202Dx' },
        'Body \u202E1',
      ),
    );
    expect([c.title, c.topic, c.lead, c.leadText, c.body]).toEqual([
      'Minsk exe.gnp',
      'Economy',
      'Lead x',
      'Lead x',
      'Body 1',
    ]);
  });

  it('names the field and line of an unquoted colon in a title, on one line', () => {
    const text = '---\nlanguage: en\ntitle: Minsk: talks resume\ndate: 2026-11-24\n---\nBody.';
    expect(problems({ path: 'x.md', text })).toEqual([
      {
        path: 'x.md',
        field: 'title',
        message: 'a colon followed by a space inside an unquoted value: put the value in "quotes" (line 3)',
      },
    ]);
  });

  it.each(['2026-02-30', '2026-11-24T23:30:00-05:00', '2026-11-24 12:00'])(
    'refuses a !!timestamp date %s as it refuses the same value untagged',
    (value) => {
      const text = (tag: string) =>
        `---\ntitle: T\nlanguage: en\ndate: ${tag}${value}\ntopic: Economy\nurl: https://example.org/1\n---\nBody.`;
      expect(problems({ path: 'x.md', text: text('') }).map((p) => p.field)).toEqual(['date']);
      expect(problems({ path: 'x.md', text: text('!!timestamp ') }).map((p) => p.field)).toEqual(['date']);
    },
  );

  it('accepts a !!timestamp date that is a real YYYY-MM-DD, as untagged', () => {
    const text =
      '---\ntitle: T\nlanguage: en\ndate: !!timestamp 2026-11-24\ntopic: E\nurl: https://example.org/1\n---\nB.';
    expect(parsed({ path: 'x.md', text }).date).toBe('2026-11-24');
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
