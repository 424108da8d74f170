import { describe, expect, it } from 'vitest';
import { parseCommentary } from '../../../functions/core/commentary.ts';
import { clipMarkdown } from '../../../functions/core/markdown.ts';

/** Billion laughs: nine levels of nine aliases each, 9^9 strings if expanded. */
function aliasBomb(): string {
  const lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `---\n${lines.join('\n')}\ntitle: x\n---\nA body.\n`;
}

describe('commentary files that try to exhaust the parser', () => {
  it('reports a YAML alias bomb as a problem on that file, without expanding it', () => {
    expect(parseCommentary({ path: 'bomb.md', text: aliasBomb() })).toEqual({
      ok: false,
      problems: [
        {
          path: 'bomb.md',
          field: '(front matter)',
          message: expect.stringContaining('too many YAML alias expansions'),
        },
      ],
    });
  });

  it('reports an alias without its anchor as a problem, not a ReferenceError', () => {
    const result = parseCommentary({ path: 'alias.md', text: '---\ntitle: *nowhere\n---\nA body.\n' });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'alias.md', field: '(front matter)', message: expect.stringContaining('nowhere') }],
    });
  });
});

describe('the lead taken from a long first paragraph', () => {
  it('is cut at a word boundary with an ellipsis, never inside a link or emphasis', () => {
    const words = 'word '.repeat(200);
    expect(clipMarkdown('A short lead.', 600)).toBe('A short lead.');
    const cut = clipMarkdown(words, 600);
    expect(cut).toBe(`${'word '.repeat(119)}word…`);
    expect(cut.length).toBeLessThanOrEqual(600);
    const link = `${'word '.repeat(110)}[a link that crosses the limit](https://example.org/${'x'.repeat(60)}) and more`;
    expect(clipMarkdown(link, 600)).toBe(`${'word '.repeat(109)}word…`);
    const strong = `${'word '.repeat(115)}**strong words across the cut** tail`;
    expect(clipMarkdown(strong, 600)).toBe(`${'word '.repeat(114)}word…`);
  });

  it('is what a commentary without a lead gets; a body over 64 KB is a problem on its file', () => {
    const long = parseCommentary({
      path: 'long.md',
      text: `---\ntitle: T\nlanguage: en\ndate: 2026-11-24\ntopic: X\nurl: https://example.org/a\n---\n${'word '.repeat(2000)}\n`,
    });
    expect(long.ok && long.commentary.lead.length).toBe(600);
    const huge = parseCommentary({
      path: 'huge.md',
      text: `---\ntitle: T\nlanguage: en\ndate: 2026-11-24\ntopic: X\nurl: https://example.org/a\n---\n${'ж '.repeat(40_000)}\n`,
    });
    expect(huge).toEqual({
      ok: false,
      problems: [{ path: 'huge.md', field: 'body', message: 'the body is 118 KB, at most 64 KB' }],
    });
  });
});
