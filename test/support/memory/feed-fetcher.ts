import { createHash } from 'node:crypto';
import type { FeedFetcher } from '../../../functions/app/ports/feed-fetcher.ts';

interface Served {
  readonly body: string;
  readonly version: number;
}

/**
 * Feeds held in memory by URL, answered as a feed server with validators would be: an ETag and a Last-Modified that
 * move with each new version, not-modified when the caller's match (If-None-Match decides when sent), redirects
 * followed to the final URL, an unknown URL an error (HTTP 404) as the HTTP fetcher throws one.
 */
export class MemoryFeedFetcher implements FeedFetcher {
  private readonly feeds = new Map<string, Served>();
  private readonly redirects = new Map<string, string>();

  /** Publishes `body` at `url` (a new version when something was there). */
  serve(url: string, body: string): void {
    this.feeds.set(url, { body, version: (this.feeds.get(url)?.version ?? 0) + 1 });
  }

  /** Makes `from` redirect to `to`. */
  redirect(from: string, to: string): void {
    this.redirects.set(from, to);
  }

  async fetch(url: string, since: { etag?: string; lastModified?: string } = {}) {
    let current = url;
    for (let hops = 0; this.redirects.has(current); hops++) {
      if (hops === 3) throw new Error('more than 3 redirects');
      current = this.redirects.get(current) as string;
    }
    const feed = this.feeds.get(current);
    if (!feed) throw new Error('HTTP 404');
    const etag = `"v${feed.version}"`;
    const lastModified = new Date(Date.UTC(2026, 10, 27, 12) + feed.version * 3_600_000).toUTCString();
    const fresh = since.etag ? since.etag === etag : since.lastModified === lastModified;
    if (fresh) return { status: 'not-modified' as const };
    const hash = createHash('sha256').update(feed.body, 'utf8').digest('hex');
    return { status: 'fetched' as const, url: current, body: feed.body, hash, etag, lastModified };
  }
}
