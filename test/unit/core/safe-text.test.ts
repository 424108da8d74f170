import { describe, expect, it } from 'vitest';
import { collapse, cutLead, htmlToText } from '../../../functions/core/safe-text.ts';

describe('htmlToText', () => {
  it('keeps the text and drops markup, images and scripts', () => {
    const html =
      '<p>The <b>dialogue</b> stalled.<img src="https://t.example/p.gif" alt="pixel"></p><script>alert(1)</script><style>p{}</style><p>Read on.</p>';
    expect(htmlToText(html)).toBe('The dialogue stalled. Read on.');
  });

  it('decodes entities exactly once', () => {
    expect(htmlToText('Tom &amp; Jerry &amp;lt;b&amp;gt; &laquo;quoted&raquo; &#8212; done')).toBe(
      'Tom & Jerry &lt;b&gt; «quoted» — done',
    );
  });

  it('separates words at block edges and collapses whitespace', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>\n\n<h2>three</h2>four<br>five')).toBe(
      'one two three four five',
    );
  });

  it('never lets text from an iframe, noscript or svg through', () => {
    expect(htmlToText('a<iframe>x</iframe><noscript>y</noscript><svg><text>z</text></svg>b')).toBe('ab');
  });
});

describe('collapse', () => {
  it('removes bidi embeddings, overrides and isolates, and keeps the marks', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "Read exe.gnp" as "Read png.exe".
    expect(collapse('Read \u202Eexe.gnp\u202C now')).toBe('Read exe.gnp now');
    expect(collapse('\u2067a\u2069 \u202Ab\u202B\u202D')).toBe('a b');
    expect(collapse('שלום\u200F!')).toBe('שלום\u200F!');
  });

  it('removes them from HTML text too', () => {
    expect(htmlToText('<p>Title &#8238;fdp.</p>')).toBe('Title fdp.');
  });
});

describe('cutLead', () => {
  it('keeps a text that fits whole', () => {
    expect(cutLead('Short.', 400)).toBe('Short.');
  });

  it('cuts at the last sentence end inside the allowance', () => {
    const text = `${'A'.repeat(250)}. ${'B'.repeat(100)}. ${'C'.repeat(100)}.`;
    expect(cutLead(text, 400)).toBe(`${'A'.repeat(250)}. ${'B'.repeat(100)}.`);
  });

  it('cuts at a word boundary with an ellipsis when no sentence ends late enough', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const cut = cutLead(words, 400);
    expect(cut.endsWith('…')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(401);
    expect(words.startsWith(cut.slice(0, -1))).toBe(true);
    expect(words[cut.length - 1]).toBe(' ');
  });

  it('counts characters, not UTF-16 units or bytes, in Cyrillic', () => {
    const text = 'Слова '.repeat(100).trim();
    const cut = cutLead(text, 400);
    expect(Array.from(cut).length).toBeLessThanOrEqual(401);
    expect(cut).toMatch(/^Слова( Слова)+…$/);
  });
});
