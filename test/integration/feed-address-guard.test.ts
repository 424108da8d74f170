import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedFetchError, HttpFeedFetcher } from '../../functions/adapters/http/feed-fetcher.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds.close();
});

// A timeout no busy machine reaches (a refusal must not turn into a timeout when the process is starved for a
// moment), still below the test's own limit so a guard that let a connection through fails with its reason.
const limits = { timeoutMs: 120_000, maxBytes: 1024 * 1024, maxRedirects: 3 };
// A resolver for made-up names; the system's for the rest.
const names =
  (table: Record<string, string | (() => string)>) =>
  async (hostname: string): Promise<string> => {
    const entry = table[hostname];
    if (entry === undefined) throw new Error(`no test name ${hostname}`);
    return typeof entry === 'function' ? entry() : entry;
  };

async function failure(fetcher: HttpFeedFetcher, url: string): Promise<FeedFetchError> {
  const error = await fetcher.fetch(url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FeedFetchError);
  return error as FeedFetchError;
}

const via = (to: string) => `${feeds.url}/redirect?to=${encodeURIComponent(to)}`;

describe('HttpFeedFetcher: where a feed may lead', () => {
  it('refuses a redirect to the cloud metadata address, by IP or by a name resolved at connect time', async () => {
    const fetcher = new HttpFeedFetcher(limits, names({ 'metadata.test': '169.254.169.254' }));
    for (const to of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://[fe80::1]/',
      'http://metadata.test/latest/meta-data/',
    ]) {
      const error = await failure(fetcher, via(to));
      expect([to, error.reason]).toEqual([to, 'address']);
    }
  });

  it('answers one reason for refused addresses, whatever is listening there', async () => {
    const port = new URL(feeds.url).port;
    const fetcher = new HttpFeedFetcher(limits, names({ 'intranet.test': '10.0.0.7' }));
    const errors = [];
    // Private ranges from a feed on loopback: an unroutable (filtered) port, a closed one, a name, the metadata port.
    for (const to of [
      'http://10.255.255.1:81/',
      'http://192.168.0.1:9/',
      `http://intranet.test:${port}/en/rss.xml`,
      'http://169.254.169.254:80/',
    ]) {
      errors.push(await failure(fetcher, via(to)));
    }
    expect(new Set(errors.map((e) => `${e.reason}: ${e.message}`)).size).toBe(1);
    expect(errors[0]?.reason).toBe('address');
  });

  it('refuses a public feed whose name turns into a loopback address by the time it connects', async () => {
    const port = new URL(feeds.url).port;
    let lookups = 0;
    // Public for the first look-up (where the feed is configured), then the host's loopback (DNS rebinding).
    const fetcher = new HttpFeedFetcher(
      limits,
      names({ 'rebind.test': () => (lookups++ === 0 ? '192.0.2.10' : '127.0.0.1') }),
    );
    const error = await failure(fetcher, `http://rebind.test:${port}/en/rss.xml`);
    expect(error.reason).toBe('address');
    expect(lookups).toBe(2);
    expect(feeds.requests.filter((r) => r.path === '/en/rss.xml')).toHaveLength(0);
  });

  it('follows redirects within the network the feed is configured on', async () => {
    const port = new URL(feeds.url).port;
    const fetcher = new HttpFeedFetcher(limits, names({ 'feeds.test': '127.0.0.1' }));
    const got = await fetcher.fetch(via(`http://feeds.test:${port}/en/rss.xml`));
    expect(got.status === 'fetched' && got.url).toBe(`http://feeds.test:${port}/en/rss.xml`);
  });

  it('refuses a feed configured on the metadata address itself', async () => {
    expect((await failure(new HttpFeedFetcher(limits), 'http://169.254.169.254/latest/meta-data/')).reason).toBe(
      'address',
    );
  });
});
