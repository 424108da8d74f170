import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEdition } from '../../functions/app/digest.ts';
import { type PullFeedsDeps, pullFeeds } from '../../functions/app/pull-feeds.ts';
import { pullFeedsDeps } from '../../functions/wiring/feeds.ts';
import { createSendContext } from '../../functions/wiring/send.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { tableItems, useLocalStack } from '../support/local.ts';

const stack = useLocalStack();
let feeds: FeedServer;
let deps: PullFeedsDeps;
let ctx: Awaited<ReturnType<typeof createSendContext>>;
const metrics: { name: string; value: number }[] = [];
const edition = '2026-W48';

beforeAll(async () => {
  feeds = await startFeedServer();
  ctx = await createSendContext(stack.current.env);
  const config = {
    ...ctx.config,
    FEEDS: {
      en: [`${feeds.url}/en/rss.xml`, `${feeds.url}/error`, `${feeds.url}/big.xml`],
      be: [`${feeds.url}/be/atom.xml`, `${feeds.url}/malformed.xml`],
      ru: [`${feeds.url}/ru/feed.json`, `${feeds.url}/ru/cp1251.xml`, `${feeds.url}/page.html`],
    },
    FEED_TRENDS: { worse: 'worse' as const },
  };
  deps = pullFeedsDeps({ ...ctx, config }, { count: (name, value = 1) => metrics.push({ name, value }) });
});
afterAll(async () => {
  await feeds.close();
});

/** An RSS feed of `n` short items, all on Tuesday of 2026-W50. */
const manyItems = (n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>${Array.from(
    { length: n },
    (_, i) => `<item><title>Item ${i}</title><link>https://analytics.example/many/${i}</link>
<pubDate>Tue, 08 Dec 2026 08:00:00 GMT</pubDate><category>Topic ${i % 30}</category><description>Lead ${i}.</description></item>`,
  ).join('')}</channel></rss>`;

const commentaries = async () => (await tableItems(stack.current)).filter((i) => i.kind === 'commentary');
const byUrl = (result: Awaited<ReturnType<typeof pullFeeds>>, path: string) =>
  result.feeds.find((f) => f.url === `${feeds.url}${path}`);

describe('pullFeeds', () => {
  it('imports the week from every feed and reports each failing one by name without blocking the rest', async () => {
    const result = await pullFeeds(deps, { edition });
    expect(result.edition).toBe(edition);
    expect(byUrl(result, '/en/rss.xml')).toMatchObject({
      status: 'pulled',
      created: 4,
      skipped: 3,
      skippedBy: { 'out-of-week': 2, duplicate: 1 },
    });
    expect(byUrl(result, '/be/atom.xml')).toMatchObject({ status: 'pulled', created: 3 });
    expect(byUrl(result, '/ru/feed.json')).toMatchObject({ status: 'pulled', created: 2 });
    expect(byUrl(result, '/ru/cp1251.xml')).toMatchObject({ status: 'pulled', created: 1 });
    expect(byUrl(result, '/error')).toMatchObject({ status: 'failed', error: 'HTTP 500' });
    expect(byUrl(result, '/big.xml')).toMatchObject({ status: 'failed', error: 'larger than 5242880 bytes' });
    expect(byUrl(result, '/malformed.xml')?.status).toBe('failed');
    expect(byUrl(result, '/page.html')).toMatchObject({
      status: 'failed',
      error: 'served as text/html, not as a feed',
    });
    expect(metrics).toEqual([{ name: 'FeedPullFailures', value: 4 }]);

    const stored = await commentaries();
    expect(stored).toHaveLength(10);
    // The item's link is relative: read against the feed's address.
    const first = stored.find((c) => c.url === `${feeds.url}/en/commentary/101`);
    expect(first).toMatchObject({ edition, date: '2026-11-24', topic: 'Belarus–West relations', trend: 'worse' });
    expect(first?.leadText).toBe('The dialogue stalled & sanctions stay. Read on.');
    const cyrillic = stored.find((c) => c.url === 'https://analytics.example/ru/303');
    expect(cyrillic?.title).toBe('Репрессии: новые задержания');
  });

  it('asks again with the validators, and doubles nothing when the feeds did not change', async () => {
    const before = feeds.requests.length;
    const result = await pullFeeds(deps, { edition });
    const asked = feeds.requests.slice(before);
    expect(asked.find((r) => r.path === '/en/rss.xml')?.ifNoneMatch).toMatch(/^"1-\d+"$/);
    expect(asked.find((r) => r.path === '/be/atom.xml')?.ifModifiedSince).toBe('Fri, 27 Nov 2026 12:00:00 GMT');
    for (const path of ['/en/rss.xml', '/be/atom.xml', '/ru/feed.json', '/ru/cp1251.xml'])
      expect(byUrl(result, path)?.status).toBe('not-modified');
    expect(await commentaries()).toHaveLength(10);
  });

  it('updates a changed item in place and leaves the unchanged ones alone', async () => {
    const rss = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'feeds', 'rss.xml'), 'utf8');
    feeds.serve('/en/rss.xml', rss.replace('little prospect of normalization', 'talks resume'));
    const result = await pullFeeds(deps, { edition });
    expect(byUrl(result, '/en/rss.xml')).toMatchObject({ status: 'pulled', created: 0, updated: 1, unchanged: 3 });
    const stored = await commentaries();
    expect(stored).toHaveLength(10);
    expect(stored.find((c) => c.url === `${feeds.url}/en/commentary/101`)?.title).toBe(
      'Minsk & Brussels: talks resume',
    );
  });

  it('pulls in full again for another edition, whatever the validators say', async () => {
    const result = await pullFeeds(deps, { edition: '2026-W49' });
    expect(byUrl(result, '/en/rss.xml')).toMatchObject({
      status: 'pulled',
      created: 1,
      skippedBy: { 'out-of-week': 6 },
    });
  });

  it("imports the rest of a feed when one item carries Hugo's zero date or year 9999", async () => {
    const item = (i: number, date: string) =>
      `<entry><title>Edge ${i}</title><id>urn:edge:${i}</id><link href="https://analytics.example/edge/${i}"/>
<published>${date}</published><category term="Economy"/><summary>Lead ${i}</summary></entry>`;
    feeds.serve(
      '/en/edge.xml',
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Edge</title><id>urn:edge</id>
<updated>2026-12-01T08:00:00Z</updated>${item(1, '0001-01-01T00:00:00Z')}${item(2, '9999-12-31T23:59:59Z')}
${item(3, '2026-12-01T08:00:00Z')}</feed>`,
      'application/atom+xml',
    );
    const edge = pullFeedsDeps(
      { ...ctx, config: { ...ctx.config, FEEDS: { en: [`${feeds.url}/en/edge.xml`] } } },
      { count: () => {} },
    );
    const report = byUrl(await pullFeeds(edge, { edition: '2026-W49' }), '/en/edge.xml');
    expect(report).toMatchObject({ status: 'pulled', created: 1, skippedBy: { 'out-of-week': 2 } });
  });

  it("skips the items that would push a digest over Gmail's clip, and stores the rest", async () => {
    const words = 'Analysis of the regime and society in Belarus with sources and context. '.repeat(6);
    const items = Array.from(
      { length: 400 },
      (_, i) => `<item><title>Long week item ${i}</title><link>https://analytics.example/long/${i}</link>
<guid>long-${i}</guid><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate><category>Politics ${i % 40}</category>
<description>${words}${i}</description></item>`,
    );
    feeds.serve(
      '/en/rss.xml',
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>${items.join('')}</channel></rss>`,
      'application/rss+xml',
    );
    const long = pullFeedsDeps(
      { ...ctx, config: { ...ctx.config, FEEDS: { en: [`${feeds.url}/en/rss.xml`] } } },
      { count: () => {} },
    );
    const result = await pullFeeds(long, { edition: '2026-W49' });
    const report = byUrl(result, '/en/rss.xml');
    expect(report?.error).toBeUndefined();
    expect(report?.status).toBe('pulled');
    expect(report?.skippedBy['digest-full']).toBeGreaterThan(0);
    expect((report?.created ?? 0) + (report?.skippedBy['digest-full'] ?? 0)).toBe(400);
    const { digests } = await renderEdition(ctx.commentaries, ctx.settings, '2026-W49');
    expect(digests.map((d) => d.plan.language)).toContain('en');
    for (const d of digests) expect(Buffer.byteLength(d.rendered.html)).toBeLessThanOrEqual(100_000);
  });

  it('renders a few digests, not one per item, for a feed of 20,000 items in the week', async () => {
    feeds.serve('/en/many.xml', manyItems(20_000), 'application/rss+xml');
    let renders = 0;
    // Every render of the edition (renderEdition) reads the configured languages once.
    const digest = Object.defineProperty({ ...ctx.settings }, 'languages', {
      get: () => {
        renders++;
        return ctx.settings.languages;
      },
    });
    const many = {
      ...pullFeedsDeps({ ...ctx, config: { ...ctx.config, FEEDS: { en: [`${feeds.url}/en/many.xml`] } } }),
      digest,
    };
    const report = byUrl(await pullFeeds(many, { edition: '2026-W50' }), '/en/many.xml');
    expect(report?.status).toBe('pulled');
    expect(report?.skippedBy['digest-full']).toBeGreaterThan(0);
    expect((report?.created ?? 0) + (report?.skippedBy['digest-full'] ?? 0)).toBe(20_000);
    expect(renders).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(20_000)) + 2);
    const { digests } = await renderEdition(ctx.commentaries, ctx.settings, '2026-W50');
    for (const d of digests) expect(Buffer.byteLength(d.rendered.html)).toBeLessThanOrEqual(100_000);
  });
});
