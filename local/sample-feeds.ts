import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { parseCommentary } from '../functions/core/commentary.ts';
import { editionAt, editionStart } from '../functions/core/edition.ts';
import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';

const SAMPLES = join(import.meta.dirname, 'samples');
const DAY_MS = 86_400_000;

/** Where `npm start` serves its sample feeds, one per language and format (README, "Feeds"). */
export const SAMPLE_FEED_PATHS = {
  en: '/sample-feeds/en.rss.xml',
  be: '/sample-feeds/be.atom.xml',
  ru: '/sample-feeds/ru.json',
} as const satisfies Partial<Record<Language, string>>;

interface Item {
  guid: string;
  title: string;
  url: string;
  topic: string;
  lead: string;
  date: string;
}

/** The sample commentaries of `language` as feed items dated on this week's Monday to Wednesday, noon local. */
function items(language: Language, now: number, timeZone: string): Item[] {
  const edition = editionAt(now, timeZone);
  const monday = editionStart(edition, timeZone);
  return readdirSync(SAMPLES)
    .filter((f) => f.startsWith(`${language}-`))
    .sort()
    .flatMap((f, i) => {
      const parsed = parseCommentary({ path: f, text: readFileSync(join(SAMPLES, f), 'utf8') });
      if (!parsed.ok) return [];
      const c = parsed.commentary;
      const date = new Date(monday + i * DAY_MS + 12 * 3_600_000).toISOString();
      return [
        {
          guid: `sample-feed-${edition}-${c.key}`,
          title: `${c.title} (feed)`,
          url: c.url,
          topic: c.topic,
          lead: c.leadText,
          date,
        },
      ];
    });
}

function rss(list: Item[]): string {
  const entries = list.map(
    (i) =>
      `<item><title>${escapeHtml(i.title)}</title><link>${escapeHtml(i.url)}</link><guid isPermaLink="false">${i.guid}</guid><category>${escapeHtml(i.topic)}</category><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${escapeHtml(`<p>${escapeHtml(i.lead)}</p>`)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Sample feed (en)</title><link>https://example.org/en/</link><description>Samples for trying out the feed pull</description>${entries.join('')}</channel></rss>\n`;
}

function atom(list: Item[]): string {
  const entries = list.map(
    (i) =>
      `<entry><title type="text">${escapeHtml(i.title)}</title><id>urn:sample:${i.guid}</id><link rel="alternate" href="${escapeHtml(i.url)}"/><published>${i.date}</published><updated>${i.date}</updated><category term="${escapeHtml(i.topic)}"/><summary type="html">${escapeHtml(`<p>${escapeHtml(i.lead)}</p>`)}</summary></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Sample feed (be)</title><id>urn:sample:be</id><updated>${list[0]?.date ?? new Date(0).toISOString()}</updated>${entries.join('')}</feed>\n`;
}

function jsonFeed(list: Item[]): string {
  const feedItems = list.map((i) => ({
    id: i.guid,
    url: i.url,
    title: i.title,
    summary: i.lead,
    date_published: i.date,
    tags: [i.topic],
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Sample feed (ru)', items: feedItems });
}

/** The local runner's sample feeds (RSS 2.0 in English, Atom in Belarusian, JSON Feed in Russian). */
export function sampleFeedRoutes(timeZone: string) {
  const route =
    (language: Language, type: string, render: (l: Item[]) => string) =>
    async (_event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => ({
      statusCode: 200,
      headers: { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' },
      body: render(items(language, Date.now(), timeZone)),
    });
  return {
    [`GET ${SAMPLE_FEED_PATHS.en}`]: route('en', 'application/rss+xml', rss),
    [`GET ${SAMPLE_FEED_PATHS.be}`]: route('be', 'application/atom+xml', atom),
    [`GET ${SAMPLE_FEED_PATHS.ru}`]: route('ru', 'application/feed+json', jsonFeed),
  };
}
