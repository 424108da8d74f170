import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { addressGuard, classifyAddress } from './address-guard.ts';
import { BlockedAddressError, guardedGet, hostOf, type Resolve, systemResolve } from './guarded-get.ts';

/** Why a feed could not be fetched. */
export type FetchFailure =
  | 'http'
  | 'timeout'
  | 'too-large'
  | 'wrong-type'
  | 'redirects'
  | 'network'
  | 'charset'
  | 'address';

// One reason for every address a feed may not reach, whatever is (or is not) listening there: no port scans.
const NOT_ALLOWED = 'the feed or a redirect leads to an address feeds may not be fetched from';

/** A feed that could not be fetched, with the reason shown to editors. */
export class FeedFetchError extends Error {
  readonly reason: FetchFailure;

  constructor(reason: FetchFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedFetchError';
    this.reason = reason;
  }
}

/** What a fetch brought: nothing new (304), or the decoded body with its validators and a hash of its bytes. */
export type FetchedFeed =
  | { status: 'not-modified' }
  | { status: 'fetched'; url: string; body: string; hash: string; etag?: string; lastModified?: string };

/** Limits of one feed fetch. */
export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

/** The limits the issue sets: 10 s, 5 MB, 3 redirects. */
export const FEED_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3 };

// What a feed may be served as; a missing type is accepted, HTML pages, images and the like are not.
const FEED_TYPE = /^(text\/plain|[a-z]+\/([a-z0-9.+-]+\+)?(xml|json))$/;

/**
 * Fetches feeds over HTTP(S) with conditional requests, a timeout, a size cap and a bounded number of redirects.
 * Every connection, the redirects' included, goes only to an address allowed by where the configured URL is
 * (addressGuard): never to link-local (cloud metadata), to loopback or private ranges only from a feed configured on
 * the same kind of network.
 */
export class HttpFeedFetcher {
  constructor(
    private readonly limits: FetchLimits = FEED_LIMITS,
    private readonly resolve: Resolve = systemResolve,
  ) {}

  /** Fetches `url`; `since` carries the validators of the last fetch. Throws FeedFetchError. */
  async fetch(url: string, since: { etag?: string; lastModified?: string } = {}): Promise<FetchedFeed> {
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    try {
      const allows = addressGuard(classifyAddress(await this.addressOf(new URL(url))));
      let current = url;
      for (let hop = 0; ; hop++) {
        const target = new URL(current);
        if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new BlockedAddressError();
        const response = await guardedGet(target, {
          allows,
          resolve: this.resolve,
          signal,
          headers: {
            accept:
              'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
            'user-agent': 'newsletter-feed-pull/1',
            ...(since.etag ? { 'if-none-match': since.etag } : {}),
            ...(since.lastModified ? { 'if-modified-since': since.lastModified } : {}),
          },
        });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
          await response.body?.cancel();
          if (hop >= this.limits.maxRedirects)
            throw new FeedFetchError('redirects', `more than ${this.limits.maxRedirects} redirects`);
          current = new URL(location, current).href;
          continue;
        }
        if (response.status === 304) return { status: 'not-modified' };
        if (!response.ok) {
          await response.body?.cancel();
          throw new FeedFetchError('http', `HTTP ${response.status}`);
        }
        return await this.read(response, current);
      }
    } catch (error) {
      if (error instanceof FeedFetchError) throw error;
      if (error instanceof BlockedAddressError) throw new FeedFetchError('address', NOT_ALLOWED);
      if (signal.aborted) throw new FeedFetchError('timeout', `no complete answer within ${this.limits.timeoutMs} ms`);
      throw new FeedFetchError('network', `could not connect (${(error as Error).message})`, { cause: error });
    }
  }

  private async addressOf(url: URL): Promise<string> {
    const host = hostOf(url);
    return isIP(host) ? host : await this.resolve(host);
  }

  private async read(response: Response, url: string): Promise<FetchedFeed> {
    const contentType = response.headers.get('content-type') ?? '';
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (mediaType && !FEED_TYPE.test(mediaType)) {
      await response.body?.cancel();
      throw new FeedFetchError('wrong-type', `served as ${mediaType}, not as a feed`);
    }
    const tooLarge = () => new FeedFetchError('too-large', `larger than ${this.limits.maxBytes} bytes`);
    if (Number(response.headers.get('content-length') ?? 0) > this.limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > this.limits.maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return {
      status: 'fetched',
      url,
      body: decode(bytes, contentType),
      hash: createHash('sha256').update(bytes).digest('hex'),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  }
}

/** Decodes a feed's bytes in the charset its Content-Type declares, else its byte order mark or XML declaration. */
export function decode(bytes: Buffer, contentType: string): string {
  const declared =
    /;\s*charset="?([\w.:-]+)"?/i.exec(contentType)?.[1] ??
    (bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined) ??
    (bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : undefined) ??
    /^(?:\xEF\xBB\xBF)?<\?xml[^>]*\sencoding=["']([\w.:-]+)["']/.exec(bytes.subarray(0, 256).toString('latin1'))?.[1] ??
    'utf-8';
  try {
    // TextDecoder drops a byte order mark that matches the encoding.
    return new TextDecoder(declared).decode(bytes);
  } catch (cause) {
    throw new FeedFetchError('charset', `unknown charset ${declared}`, { cause });
  }
}
