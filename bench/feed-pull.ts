import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpFeedFetcher } from '../functions/adapters/http/feed-fetcher.ts';
import { largestDigest } from '../functions/app/digest.ts';
import type { FeedState } from '../functions/app/ports/feed-state-store.ts';
import { pullFeeds } from '../functions/app/pull-feeds.ts';
import { LANGUAGES } from '../functions/core/language.ts';
import { MemoryCommentaryStore } from '../test/support/memory/commentary-store.ts';
import { MemoryLog } from '../test/support/memory/log.ts';

/**
 * Issue 20 item 7: one feed pull of N items all dated in the edition's week (default 20,000; `-- 10000` for another
 * count), through the real HTTP fetcher, parser and digest renders, into in-memory stores. Prints the pull's time,
 * the renders it made and what it imported. Run: `npx tsx bench/feed-pull.ts [N]` (after `npm run build:templates`).
 */
const n = Number(process.argv[2] ?? 20_000);
const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>${Array.from(
  { length: n },
  (_, i) => `<item><title>Item ${i}</title><link>https://analytics.example/many/${i}</link>
<pubDate>Tue, 08 Dec 2026 08:00:00 GMT</pubDate><category>Topic ${i % 30}</category><description>Lead ${i}.</description></item>`,
).join('')}</channel></rss>`;
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.end(feed);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/many.xml`;

let renders = 0;
const settings = { languages: LANGUAGES, fallbacks: {} };
const digest = Object.defineProperty({ ...settings }, 'languages', {
  get: () => {
    renders++;
    return settings.languages;
  },
});
const states = new Map<string, FeedState>();
const commentaries = new MemoryCommentaryStore();
const deps = {
  feeds: { en: [url] },
  fetcher: new HttpFeedFetcher(),
  states: {
    get: async (u: string) => states.get(u),
    put: async (s: FeedState) => void states.set(s.url, s),
    lastPull: async () => undefined,
    recordPull: async () => {},
  },
  commentaries: Object.assign(commentaries, { put: commentaries.put.bind(commentaries) }),
  settings: { timeZone: 'Europe/Minsk' },
  digest,
  now: () => Date.UTC(2026, 11, 9),
  log: new MemoryLog(),
  metrics: { count: () => {} },
};
const cpu = process.cpuUsage();
const started = performance.now();
const { feeds } = await pullFeeds(deps, { edition: '2026-W50' });
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
server.close();
const [report] = feeds;
const largest = await largestDigest(settings, '2026-W50', await commentaries.listByEdition('2026-W50'));
console.log(
  `feed pull of ${n} items (${(Buffer.byteLength(feed) / 1e6).toFixed(1)} MB): ${Math.round(ms)} ms (CPU ${Math.round((used.user + used.system) / 1000)} ms), ${renders} renders, ` +
    `${report?.status} created ${report?.created}, digest-full ${report?.skippedBy['digest-full'] ?? 0}, ` +
    `largest digest ${largest.bytes} bytes`,
);
