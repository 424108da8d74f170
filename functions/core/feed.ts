import { parseFeed } from 'feedsmith';
import { collapse, htmlToText } from './safe-text.ts';

/** One item of a feed, whatever its format: the fields a commentary is made from, as plain values. */
export interface FeedEntry {
  /** The guid (RSS), id (Atom, JSON Feed), if any. */
  readonly guid?: string;
  /** The item's page, absolute (relative links resolved against the feed's address). */
  readonly link?: string;
  /** Plain text (HTML titles converted). */
  readonly title: string;
  /** Epoch ms of the published date, else the updated one; undefined when neither parses. */
  readonly date?: number;
  readonly categories: readonly string[];
  /** The lead source as plain text (description, summary or content, HTML converted). */
  readonly text: string;
}

/** A feed that could not be read, with the reason shown to editors. */
export class MalformedFeedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedFeedError';
  }
}

// The fields read from RSS 2.0 and RSS 1.0 items (RSS 1.0 has no guid, pubDate or category).
type RssItem = {
  title?: string;
  link?: string;
  description?: string;
  pubDate?: unknown;
  guid?: { value?: string };
  categories?: { name?: string }[];
  dc?: { dates?: unknown[] };
  content?: { encoded?: string };
};
type Text = { value?: string; type?: string } | undefined;

const fromHtml = (html: string | undefined) => (html ? htmlToText(html) : '');
// Atom text constructs: `text` is plain, `html` escaped HTML, `xhtml` inline markup (the parser hands both as HTML).
const fromAtom = (t: Text) =>
  !t?.value ? '' : t.type === 'html' || t.type === 'xhtml' ? htmlToText(t.value) : collapse(t.value);

function absolute(link: string | undefined, base: string): string | undefined {
  if (!link?.trim()) return undefined;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function instant(...dates: unknown[]): number | undefined {
  for (const d of dates) {
    const ms = typeof d === 'string' ? Date.parse(d) : Number.NaN;
    if (Number.isFinite(ms)) return literalYear(d as string, ms);
  }
  return undefined;
}

// V8 reads the RFC 822 date "01 Jan 0001" (Hugo's zero time) as 2001: keep the year the text names.
function literalYear(text: string, ms: number): number {
  const written = /(?:^|[\s,])(\d{4})(?=[\sT,-]|$)/.exec(text)?.[1];
  const date = new Date(ms);
  const shift = written === undefined ? 0 : Number(written) - date.getUTCFullYear();
  if (Math.abs(shift) <= 1) return ms;
  date.setUTCFullYear(date.getUTCFullYear() + shift);
  return date.getTime();
}

const entry = (e: FeedEntry): FeedEntry =>
  Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined && v !== '')) as unknown as FeedEntry;

/**
 * Reads an RSS 2.0 (or RSS 1.0), Atom 1.0 or JSON Feed 1.x document with feedsmith and turns its items into
 * FeedEntry values; `base` is the feed's own address. Throws MalformedFeedError for anything that is not a feed.
 */
export function parseFeedEntries(body: string, base: string): FeedEntry[] {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (cause) {
    throw new MalformedFeedError(`not a readable RSS, Atom or JSON feed (${(cause as Error).message})`, { cause });
  }
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return (parsed.feed.items ?? []).map((item) => {
        const i = item as RssItem;
        return entry({
          guid: i.guid?.value?.trim() || undefined,
          link: absolute(i.link, base),
          title: fromHtml(i.title),
          date: instant(i.pubDate, i.dc?.dates?.[0]),
          categories: (i.categories ?? []).map((c) => collapse(c.name ?? '')).filter(Boolean),
          text: fromHtml(i.description) || fromHtml(i.content?.encoded),
        });
      });
    case 'atom':
      return (parsed.feed.entries ?? []).map((e) => {
        const alternate = e.links?.find((l) => !l.rel || l.rel === 'alternate') ?? e.links?.[0];
        return entry({
          guid: e.id?.trim() || undefined,
          link: absolute(alternate?.href, base),
          title: fromAtom(e.title),
          date: instant(e.published, e.updated),
          categories: (e.categories ?? []).map((c) => collapse(c.label || c.term || '')).filter(Boolean),
          text: fromAtom(e.summary) || fromAtom(e.content),
        });
      });
    case 'json':
      return (parsed.feed.items ?? []).map((i) =>
        entry({
          guid: i.id === undefined ? undefined : String(i.id).trim() || undefined,
          link: absolute(i.url ?? i.external_url, base),
          title: collapse(i.title ?? ''),
          date: instant(i.date_published, i.date_modified),
          categories: (i.tags ?? []).map((t) => collapse(t)).filter(Boolean),
          text: collapse(i.summary ?? '') || fromHtml(i.content_html) || collapse(i.content_text ?? ''),
        }),
      );
    default:
      throw new MalformedFeedError('not an RSS, Atom or JSON feed');
  }
}
