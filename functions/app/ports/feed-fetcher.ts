/** Fetches a feed (HttpFeedFetcher); throws an error whose message is shown to editors. */

export interface FeedFetcher {
  fetch(
    url: string,
    since: { etag?: string; lastModified?: string },
  ): Promise<
    | { status: 'not-modified' }
    | { status: 'fetched'; url: string; body: string; hash: string; etag?: string; lastModified?: string }
  >;
}
