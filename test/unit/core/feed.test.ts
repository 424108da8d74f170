import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MalformedFeedError, parseFeedEntries } from '../../../functions/core/feed.ts';
import { commentaryFromEntry, feedItemKey } from '../../../functions/core/feed-commentary.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'feeds');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const BASE = 'https://analytics.example/feeds/en/rss.xml';
const MINSK = { timeZone: 'Europe/Minsk' };

describe('parseFeedEntries', () => {
  it('reads RSS 2.0: CDATA titles, encoded HTML descriptions, relative links, items without guid', () => {
    const [first, second] = parseFeedEntries(fixture('rss.xml'), BASE);
    expect(first).toEqual({
      guid: 'commentary-101',
      link: 'https://analytics.example/en/commentary/101',
      title: 'Minsk & Brussels: little prospect of normalization',
      date: Date.parse('2026-11-24T07:00:00Z'),
      categories: ['Belarus–West relations', 'worse'],
      text: 'The dialogue stalled & sanctions stay. Read on.',
    });
    expect(second?.guid).toBeUndefined();
    expect(second?.text).toBe(
      'Industrial output fell for the third month & the rouble weakened. Exporters complain about payments.',
    );
  });

  it('reads Atom text, html and xhtml constructs, and prefers published to updated', () => {
    const [text, html, xhtml] = parseFeedEntries(fixture('atom.xml'), 'https://analytics.example/be/atom.xml');
    expect(text?.title).toBe('Беларусь і Захад: <без зменаў>');
    expect(text?.text).toBe('Тэкст з <b> як літарамі, не разметкай.');
    expect(text?.date).toBe(Date.parse('2026-11-24T05:00:00Z'));
    expect(html?.title).toBe('Эканоміка: рост запавольваецца');
    expect(html?.text).toBe('Прамысловасць & экспарт падаюць.');
    expect(html?.link).toBe('https://analytics.example/be/202');
    expect(html?.date).toBe(Date.parse('2026-11-25T05:00:00Z'));
    expect(xhtml?.text).toBe('Новыя затрыманні за тыдзень.');
    expect(xhtml?.categories).toEqual(['Рэпрэсіі']);
  });

  it('reads JSON Feed 1.1: summary first, else the HTML content as text; tags as categories', () => {
    const [first, second] = parseFeedEntries(fixture('feed.json'), 'https://analytics.example/ru/feed.json');
    expect(first).toMatchObject({ guid: '301', text: 'Диалог застопорился & санкции остаются.' });
    expect(first?.categories).toEqual(['Беларусь — Запад']);
    expect(second?.text).toBe('Рост замедляется.');
  });

  it('removes bidi overrides and isolates from titles, leads and categories', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>
      <title>Sanctions \u202Etxt.exe\u202C</title><link>https://analytics.example/x</link>
      <category>\u2067Economy\u2069</category><description>&lt;p&gt;Lead &amp;#x202E;reversed&lt;/p&gt;</description>
      <pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate></item></channel></rss>`;
    const [entry] = parseFeedEntries(rss, BASE);
    expect(entry).toMatchObject({ title: 'Sanctions txt.exe', categories: ['Economy'], text: 'Lead reversed' });
  });

  it('rejects malformed XML, an HTML page and JSON that is no feed', () => {
    for (const body of [fixture('malformed.xml'), '<!doctype html><html><body>hi</body></html>', '{"a":1}']) {
      expect(() => parseFeedEntries(body, BASE)).toThrow(MalformedFeedError);
    }
  });
});

describe('commentaryFromEntry', () => {
  const entries = parseFeedEntries(fixture('rss.xml'), BASE);
  const byGuid = (guid: string) => {
    const e = entries.find((x) => x.guid === guid);
    if (!e) throw new Error(guid);
    return e;
  };

  it('makes a commentary: topic from the category, trend from the map, key from the guid', () => {
    const outcome = commentaryFromEntry(byGuid('commentary-101'), 'en', '2026-W48', {
      ...MINSK,
      trends: { Worse: 'worse' },
    });
    expect(outcome).toMatchObject({
      ok: true,
      commentary: {
        key: feedItemKey({ guid: 'commentary-101' }),
        language: 'en',
        edition: '2026-W48',
        date: '2026-11-24',
        topic: 'Belarus–West relations',
        trend: 'worse',
        url: 'https://analytics.example/en/commentary/101',
        leadHtml: 'The dialogue stalled &amp; sanctions stay. Read on.',
      },
    });
  });

  it('takes the link as identity when there is no guid', () => {
    const noGuid = entries[1];
    if (!noGuid) throw new Error('fixture');
    const outcome = commentaryFromEntry(noGuid, 'en', '2026-W48', MINSK);
    expect(outcome.ok && outcome.commentary.key).toBe(
      feedItemKey({ link: 'https://analytics.example/en/commentary/102' }),
    );
  });

  it('places items near the week boundary by their date in Europe/Minsk', () => {
    const edition = (guid: string) => {
      const o = commentaryFromEntry(byGuid(guid), 'en', '2026-W48', MINSK);
      return o.ok ? o.commentary.date : o.reason;
    };
    // 23:30 Sunday in Minsk: still this week; 00:30 Monday in Minsk (Sunday in UTC): next week.
    expect(edition('commentary-103')).toBe('2026-11-29');
    expect(edition('commentary-104')).toBe('out-of-week');
    // 23:30 Sunday before in Minsk: last week; 00:30 Monday in Minsk (still Sunday in UTC): this week.
    expect(edition('commentary-100')).toBe('out-of-week');
    expect(edition('commentary-105')).toBe('2026-11-23');
  });

  it('skips an item without a category to use as topic', () => {
    const outcome = commentaryFromEntry({ ...byGuid('commentary-101'), categories: ['worse'] }, 'en', '2026-W48', {
      ...MINSK,
      trends: { worse: 'worse' },
    });
    expect(outcome).toEqual({ ok: false, reason: 'no-topic' });
  });
});

describe('items dated at the ends of the calendar', () => {
  // Hugo writes its zero time (year 0001) for an unset date; some generators write 9999 for "never".
  const atom = (dates: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Edge</title><id>urn:edge</id><updated>2026-11-24T05:00:00Z</updated>
${dates
  .map(
    (d, i) => `<entry><title>Item ${i}</title><id>urn:edge:${i}</id><link href="https://analytics.example/edge/${i}"/>
<published>${d}</published><updated>${d}</updated><category term="Economy"/><summary>Lead ${i}</summary></entry>`,
  )
  .join('\n')}</feed>`;
  const reasons = (body: string) =>
    parseFeedEntries(body, 'https://analytics.example/edge.xml').map((e) => {
      const o = commentaryFromEntry(e, 'en', '2026-W48', MINSK);
      return o.ok ? o.commentary.date : o.reason;
    });

  it('skips an item of year 0001 or 9999 as out of the week and keeps the others', () => {
    expect(
      reasons(
        atom(['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00+03:00', '2026-11-24T05:00:00Z']),
      ),
    ).toEqual(['out-of-week', 'out-of-week', 'out-of-week', '2026-11-24']);
  });

  it('reads an RSS date of year 0001 as that year, not as 2001', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Edge</title>
<item><title>Zero</title><link>https://analytics.example/edge/z</link><category>Economy</category>
<pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate></item></channel></rss>`;
    const [zero] = parseFeedEntries(rss, 'https://analytics.example/edge.xml');
    expect(zero?.date === undefined || new Date(zero.date).getUTCFullYear() < 1000).toBe(true);
    expect(reasons(rss)).toEqual(['out-of-week']);
  });
});
