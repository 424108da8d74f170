import { describe, expect, it } from 'vitest';
import { parseCommentary } from '../../../functions/core/commentary.ts';

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
