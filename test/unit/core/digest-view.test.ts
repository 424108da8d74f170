import { describe, expect, it } from 'vitest';
import type { Commentary } from '../../../functions/core/commentary.ts';
import { planEditionLanguages, toDigestItems } from '../../../functions/core/digest-view.ts';
import { inEditionOrder, rankKeys } from '../../../functions/core/editorial.ts';
import type { Language } from '../../../functions/core/language.ts';
import { renderLeadHtml, renderLeadText } from '../../../functions/core/markdown.ts';

function commentary(fields: Partial<Commentary> & Pick<Commentary, 'key'>): Commentary {
  return {
    language: 'en',
    edition: '2026-W48',
    date: '2026-11-24',
    title: `Title ${fields.key}`,
    topic: 'Economy',
    url: `https://example.org/${fields.key}`,
    lead: `Lead of ${fields.key}.`,
    leadHtml: renderLeadHtml(fields.lead ?? `Lead of ${fields.key}.`),
    leadText: renderLeadText(fields.lead ?? `Lead of ${fields.key}.`),
    body: `Body of ${fields.key}.`,
    ...fields,
  };
}

const keys = (items: Commentary[]) => items.map((item) => item.key);

describe('the edition order', () => {
  const order = (items: Commentary[], listed: string[] = []) => keys(inEditionOrder(items, rankKeys(items, listed)));

  it('is the order of import by default, whatever the dates and topics', () => {
    const items = [
      commentary({ key: 'c', date: '2026-11-24', topic: 'Economy', arrived: 3 }),
      commentary({ key: 'a', date: '2026-11-26', topic: 'Repressions', arrived: 1 }),
      commentary({ key: 'b', date: '2026-11-23', topic: 'Abroad', arrived: 2 }),
    ];
    expect(order(items)).toEqual(['a', 'b', 'c']);
  });

  it('puts listed keys first as listed, then front matter orders, then the rest in import order', () => {
    const items = [
      commentary({ key: 'a', arrived: 1 }),
      commentary({ key: 'b', arrived: 2, order: 1 }),
      commentary({ key: 'c', arrived: 3 }),
      commentary({ key: 'd', arrived: 4 }),
    ];
    expect(order(items)).toEqual(['b', 'a', 'c', 'd']);
    expect(order(items, ['d', 'c'])).toEqual(['d', 'c', 'b', 'a']);
  });

  it('is the same in every language: a key ranks by its first import in any language', () => {
    const all = [
      commentary({ key: 'x', language: 'en', arrived: 1, topic: 'Zeta' }),
      commentary({ key: 'y', language: 'en', arrived: 2, topic: 'Alpha' }),
      commentary({ key: 'y', language: 'be', arrived: 3, topic: 'Альфа' }),
      commentary({ key: 'x', language: 'be', arrived: 4, topic: 'Зэта' }),
    ];
    const ranks = rankKeys(all, []);
    expect(
      keys(
        inEditionOrder(
          all.filter((c) => c.language === 'be'),
          ranks,
        ),
      ),
    ).toEqual(['x', 'y']);
  });

  it('orders items stored before import order was kept by date, then key, and does not change its input', () => {
    const items = [commentary({ key: 'b', date: '2026-11-24' }), commentary({ key: 'a', date: '2026-11-25' })];
    expect(order(items)).toEqual(['b', 'a']);
    expect(keys(items)).toEqual(['b', 'a']);
  });
});

describe('planEditionLanguages', () => {
  const all: Language[] = ['en', 'be', 'ru'];
  const en = commentary({ key: 'e1', language: 'en' });
  const ru = [commentary({ key: 'r2', language: 'ru', topic: 'Репрессии' }), commentary({ key: 'r1', language: 'ru' })];
  const otherWeek = commentary({ key: 'b0', language: 'be', edition: '2026-W47' });

  it('uses each language’s own commentaries, ordered', () => {
    const { plans, skipped } = planEditionLanguages('2026-W48', [en, ...ru], ['en', 'ru'], {});
    expect(plans).toEqual([
      { language: 'en', items: [en] },
      { language: 'ru', items: [ru[1], ru[0]] },
    ]);
    expect(skipped).toEqual([]);
  });

  it('falls back to the first fallback language that has commentaries', () => {
    const { plans } = planEditionLanguages('2026-W48', [en, ...ru], all, { be: ['ru', 'en'] });
    expect(plans[1]).toEqual({ language: 'be', source: 'ru', items: [ru[1], ru[0]] });
  });

  it('passes over fallback languages that have nothing', () => {
    const { plans } = planEditionLanguages('2026-W48', [en], all, { be: ['ru', 'en'] });
    expect(plans.find((p) => p.language === 'be')).toEqual({ language: 'be', source: 'en', items: [en] });
  });

  it('skips languages with nothing and no usable fallback', () => {
    const { plans, skipped } = planEditionLanguages('2026-W48', [en, otherWeek], all, { ru: ['be'] });
    expect(plans.map((p) => p.language)).toEqual(['en']);
    expect(skipped).toEqual(['be', 'ru']);
  });

  it('ignores commentaries of other editions', () => {
    const { plans, skipped } = planEditionLanguages('2026-W47', [en, ...ru, otherWeek], all, {});
    expect(plans).toEqual([{ language: 'be', items: [otherWeek] }]);
    expect(skipped).toEqual(['en', 'ru']);
  });
});

describe('toDigestItems', () => {
  it('keeps what the digest shows and renders the lead', () => {
    const item = commentary({
      key: 'k',
      trend: 'worse',
      lead: 'Growth *slows*; see [the data](https://example.org/d).',
    });
    expect(toDigestItems([item])).toEqual([
      {
        topic: 'Economy',
        trend: 'worse',
        title: 'Title k',
        leadHtml: 'Growth <em>slows</em>; see <a href="https://example.org/d">the data</a>.',
        leadText: 'Growth slows; see the data (https://example.org/d).',
        url: 'https://example.org/k',
      },
    ]);
  });

  it('marks sample items', () => {
    expect(toDigestItems([commentary({ key: 's', sample: true })])[0]?.sample).toBe(true);
  });
});

describe('renderLeadHtml', () => {
  it('escapes a script element', () => {
    expect(renderLeadHtml('Before <script>alert("x")</script> after')).toBe(
      'Before &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; after',
    );
  });

  it('escapes markup hidden inside raw HTML blocks', () => {
    const html = renderLeadHtml('<script>1<img src=x onerror=alert(1)></script>');
    expect(html).not.toMatch(/<(script|img)/);
    expect(html).toBe('&lt;script&gt;1&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;');
  });

  it('escapes inline tags and their attributes', () => {
    expect(renderLeadHtml('A <b onclick="x()">bold</b> claim')).toBe(
      'A &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; claim',
    );
  });

  it('drops links that are not http(s) or mailto, keeping their text', () => {
    expect(renderLeadHtml('[click](javascript:alert(1)) and [x](JaVaScRiPt:alert(1))')).toBe('click and x');
  });

  it('turns images into their alt text', () => {
    expect(renderLeadHtml('![a chart](https://example.org/c.png)')).toBe('a chart');
  });

  it('renders emphasis, code and safe links', () => {
    expect(renderLeadHtml('**Strong**, _em_, `a<b`, <https://example.org/x?a=1&b=2>')).toBe(
      '<strong>Strong</strong>, <em>em</em>, <code>a&lt;b</code>, ' +
        '<a href="https://example.org/x?a=1&amp;b=2">https://example.org/x?a=1&amp;b=2</a>',
    );
  });
});

describe('renderLeadText', () => {
  it('writes links as text (url) and drops emphasis', () => {
    expect(renderLeadText('The **economy** is _slowing_, see [the report](https://example.org/r).')).toBe(
      'The economy is slowing, see the report (https://example.org/r).',
    );
  });

  it('writes a bare link once', () => {
    expect(renderLeadText('See https://example.org/r.')).toBe('See https://example.org/r.');
  });

  it('keeps escaped characters and entities as the reader sees them', () => {
    expect(renderLeadText('5 \\* 3 &amp; `x*y`')).toBe('5 * 3 & x*y');
  });

  it('joins lines into one', () => {
    expect(renderLeadText('First line\nsecond line.')).toBe('First line second line.');
  });

  it('leaves out unsafe link targets', () => {
    expect(renderLeadText('[click](javascript:alert(1))')).toBe('click');
  });
});
