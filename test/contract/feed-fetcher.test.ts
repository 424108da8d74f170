import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpFeedFetcher } from '../../functions/adapters/http/feed-fetcher.ts';
import type { FeedFetcher } from '../../functions/app/ports/feed-fetcher.ts';
import { startFeedServer } from '../support/feed-server.ts';
import { MemoryFeedFetcher } from '../support/memory/feed-fetcher.ts';

/** A fetcher and the feeds it reaches: where a path is, publishing at it, a URL that redirects to it. */
interface FetcherUnderTest {
  readonly fetcher: FeedFetcher;
  url(path: string): string;
  serve(path: string, body: string): void;
  redirectTo(path: string): string;
  close(): Promise<void>;
}

const RSS = (title: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The feed fetcher's contract: a feed comes with its body, a hash of its bytes and the validators to ask again with;
 * asked again with them it answers not-modified until the feed changes; a redirect is followed to the URL the feed
 * was read at; a feed that cannot be had is an error with a message for the editors.
 */
export function describeFeedFetcher(name: string, make: () => Promise<FetcherUnderTest>): void {
  describe(`feed fetcher: ${name}`, () => {
    let under: FetcherUnderTest;
    afterEach(async () => {
      await under?.close();
    });

    it('fetches a feed with its body, the hash of its bytes and its validators', async () => {
      under = await make();
      under.serve('/be/feed.xml', RSS('Навіны'));
      const got = await under.fetcher.fetch(under.url('/be/feed.xml'), {});
      expect(got).toMatchObject({ status: 'fetched', url: under.url('/be/feed.xml'), body: RSS('Навіны') });
      expect(got.status === 'fetched' && got.hash).toBe(sha256(RSS('Навіны')));
      expect(got.status === 'fetched' && (got.etag ?? got.lastModified)).toMatch(/\S/);
    });

    it('answers not-modified to the validators of the last fetch until the feed changes', async () => {
      under = await make();
      under.serve('/en/feed.xml', RSS('News'));
      const first = await under.fetcher.fetch(under.url('/en/feed.xml'), {});
      if (first.status !== 'fetched') throw new Error('not fetched');
      const validators = { etag: first.etag, lastModified: first.lastModified };
      expect(await under.fetcher.fetch(under.url('/en/feed.xml'), validators)).toEqual({ status: 'not-modified' });
      under.serve('/en/feed.xml', RSS('More news'));
      const changed = await under.fetcher.fetch(under.url('/en/feed.xml'), validators);
      expect(changed).toMatchObject({ status: 'fetched', body: RSS('More news'), hash: sha256(RSS('More news')) });
    });

    it('follows a redirect and tells the URL the feed was read at', async () => {
      under = await make();
      under.serve('/ru/feed.xml', RSS('Новости'));
      const got = await under.fetcher.fetch(under.redirectTo('/ru/feed.xml'), {});
      expect(got).toMatchObject({ status: 'fetched', url: under.url('/ru/feed.xml'), body: RSS('Новости') });
    });

    it('throws an error saying why for a feed that is not there', async () => {
      under = await make();
      await expect(under.fetcher.fetch(under.url('/gone.xml'), {})).rejects.toThrow(/HTTP 404/);
    });
  });
}

describeFeedFetcher('HTTP adapter on a local feed server', async () => {
  const server = await startFeedServer();
  return {
    fetcher: new HttpFeedFetcher(),
    url: (path) => `${server.url}${path}`,
    serve: (path, body) => server.serve(path, body, 'application/rss+xml; charset=utf-8'),
    redirectTo: (path) => `${server.url}/redirect?to=${encodeURIComponent(path)}`,
    close: () => server.close(),
  };
});
describeFeedFetcher('in memory', async () => {
  const fetcher = new MemoryFeedFetcher();
  const url = (path: string) => `https://feeds.example${path}`;
  return {
    fetcher,
    url,
    serve: (path, body) => fetcher.serve(url(path), body),
    redirectTo(path) {
      fetcher.redirect(url(`/moved${path}`), url(path));
      return url(`/moved${path}`);
    },
    close: async () => undefined,
  };
});
