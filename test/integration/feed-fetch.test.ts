import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, FEED_LIMITS, FeedFetchError, HttpFeedFetcher } from '../../functions/adapters/http/feed-fetcher.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';

let feeds: FeedServer;
// The real limits except the timeout, which no busy machine reaches (still below the test's own limit); only the
// feed that never answers meets a short one, so the test of it is quick.
const fetcher = new HttpFeedFetcher({ ...FEED_LIMITS, timeoutMs: 120_000 });
const impatient = new HttpFeedFetcher({ ...FEED_LIMITS, timeoutMs: 300 });

beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds.close();
});

const failure = async (path: string, using = fetcher) => {
  const error = await using.fetch(`${feeds.url}${path}`).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FeedFetchError);
  return (error as FeedFetchError).reason;
};

describe('HttpFeedFetcher', () => {
  it('fetches a feed with its validators and a hash of its bytes', async () => {
    const got = await fetcher.fetch(`${feeds.url}/en/rss.xml`);
    expect(got.status).toBe('fetched');
    if (got.status !== 'fetched') return;
    expect(got.body).toContain('<title>Analytics (EN)</title>');
    expect(got.etag).toMatch(/^"1-\d+"$/);
    expect(got.lastModified).toBe('Fri, 27 Nov 2026 12:00:00 GMT');
    expect(got.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends the validators and takes a 304 as not modified', async () => {
    const first = await fetcher.fetch(`${feeds.url}/en/rss.xml`);
    if (first.status !== 'fetched') throw new Error('expected a body');
    const again = await fetcher.fetch(`${feeds.url}/en/rss.xml`, { etag: first.etag as string });
    expect(again).toEqual({ status: 'not-modified' });
    expect(feeds.requests.at(-1)).toMatchObject({ path: '/en/rss.xml', ifNoneMatch: first.etag });
  });

  it('decodes a windows-1251 feed as its XML declaration says', async () => {
    const got = await fetcher.fetch(`${feeds.url}/ru/cp1251.xml`);
    expect(got.status === 'fetched' && got.body).toContain('Репрессии: новые задержания');
  });

  it('follows a redirect and reads relative links against the final address', async () => {
    const got = await fetcher.fetch(`${feeds.url}/moved`);
    expect(got.status === 'fetched' && got.url).toBe(`${feeds.url}/en/rss.xml`);
  });

  it('gives up after three redirects', async () => {
    expect(await failure('/loop')).toBe('redirects');
    expect(feeds.requests.filter((r) => r.path === '/loop')).toHaveLength(4);
  });

  it('refuses a body over 5 MB while reading it', async () => {
    // 6 MB must be refused for its size, not for time.
    expect(await failure('/big.xml')).toBe('too-large');
  });

  it('reports an HTTP error, a timeout, an HTML page and a closed port', async () => {
    expect(await failure('/error')).toBe('http');
    expect(await failure('/slow', impatient)).toBe('timeout');
    expect(await failure('/page.html')).toBe('wrong-type');
    const closed = await new HttpFeedFetcher().fetch('http://127.0.0.1:9/feed.xml').catch((e: FeedFetchError) => e);
    expect((closed as FeedFetchError).reason).toBe('network');
  });
});

describe('decode', () => {
  const cp1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);

  it('uses the charset of the Content-Type first', () => {
    expect(decode(cp1251, 'application/rss+xml; charset=windows-1251')).toBe('Привет');
  });

  it('drops a UTF-8 byte order mark and defaults to UTF-8', () => {
    expect(decode(Buffer.from('\uFEFF<rss/>'), '')).toBe('<rss/>');
  });

  it('refuses a charset it does not know', () => {
    expect(() => decode(cp1251, 'text/xml; charset=x-unknown')).toThrow(FeedFetchError);
  });
});
