import { describe, expect, it } from 'vitest';
import { fromHeader } from '../../../functions/adapters/ses/mailer.ts';

// What a mail reader does with the display name: decode each word and join adjacent ones (RFC 2047 section 6.2).
function decoded(display: string): string {
  return display
    .split(' ')
    .map((word) => {
      const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(word);
      if (!m) throw new Error(`not an encoded word: ${word}`);
      // Each word alone must be whole UTF-8 characters.
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[1] as string, 'base64'));
    })
    .join('');
}

describe('fromHeader with a long non-ASCII name', () => {
  const name = 'Аналітычны цэнтр «Беларусь за тыдзень»: штотыднёвы агляд палітыкі і эканомікі';

  it('splits a Cyrillic name into encoded words of at most 75 characters, each of whole characters', () => {
    const header = fromHeader(name, 'Weekly <weekly@example.org>');
    const display = header.replace(/ <weekly@example\.org>$/, '');
    const words = display.split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    expect(decoded(display)).toBe(name);
  });

  it('keeps a short name in one word', () => {
    expect(fromHeader('Беларусь', 'weekly@example.org').split(' ')).toHaveLength(2);
  });
});
