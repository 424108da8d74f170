import type { Commentary } from './commentary.ts';

// Query parameters that say where a click came from, not what it leads to.
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|yclid|_hsenc|_hsmi|igshid|ref_src)$/i;

/**
 * A link as compared for "the same commentary": scheme and host lower-case (the URL parser does both), no default
 * port, no fragment, tracking parameters (`utm_*`, `fbclid`, ...) dropped, the rest sorted, and no trailing slash
 * on the path. Not a URL to visit: only for comparing.
 */
export function normaliseLink(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  const params = [...u.searchParams].filter(([name]) => !TRACKING.test(name)).sort(([a], [b]) => (a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}${query ? `?${query}` : ''}`;
}

/** Whether a commentary came from a feed pull (its key is the feed item's). */
export const isFeedItem = (c: Pick<Commentary, 'key'>): boolean => c.key.startsWith('feed-');

/** Another commentary of `c`'s edition and language with the same normalised link, if any. */
export function sameLink(items: Iterable<Commentary>, c: Commentary): Commentary | undefined {
  const link = normaliseLink(c.url);
  for (const other of items) {
    if (other.language !== c.language || other.edition !== c.edition || other.key === c.key) continue;
    if (normaliseLink(other.url) === link) return other;
  }
  return undefined;
}

/**
 * A file that takes the place of the commentary `before` (a feed item or an earlier file with the same link, or the
 * same key): the file wins for every field it sets; it keeps the first import's place and the trend a feed gave.
 */
export function fileOver(file: Commentary, before: Commentary | undefined): Commentary {
  if (!before) return file;
  const next: Commentary = { ...file };
  if (before.arrived !== undefined) next.arrived = before.arrived;
  const feedTrend = isFeedItem(before) ? before.trend : before.feedTrend;
  if (feedTrend !== undefined) next.feedTrend = feedTrend;
  return next;
}

/** A feed item with the link of a file's commentary: the file's stays, with the feed's trend for when it sets none. */
export function feedUnder(stored: Commentary, item: Commentary): Commentary {
  const { feedTrend: _old, ...rest } = stored;
  return item.trend === undefined ? rest : { ...rest, feedTrend: item.trend };
}
