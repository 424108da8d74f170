import type { Commentary } from '../core/commentary.ts';
import { editionAt } from '../core/edition.ts';
import { parseFeedEntries } from '../core/feed.ts';
import { commentaryFromEntry, type FeedImportSettings } from '../core/feed-commentary.ts';
import type { FeedPullOutcome, FeedSkipReason } from '../core/feed-pull.ts';
import type { Language } from '../core/language.ts';
import { feedUnder, isFeedItem, normaliseLink } from '../core/same-link.ts';
import { type EditionSettings, largestDigest, MAX_DIGEST_BYTES } from './digest.ts';
import type { FeedCommentaryStore } from './ports/feed-commentary-store.ts';
import type { FeedFetcher } from './ports/feed-fetcher.ts';
import type { FeedStateStore } from './ports/feed-state-store.ts';
import type { Log } from './ports/log.ts';
import type { Metrics } from './ports/metrics.ts';

/** Dependencies of a feed pull. */
export interface PullFeedsDeps {
  readonly feeds: Partial<Record<Language, readonly string[]>>;
  readonly fetcher: FeedFetcher;
  readonly states: FeedStateStore;
  readonly commentaries: FeedCommentaryStore;
  readonly settings: FeedImportSettings;
  /** How the edition's digests are rendered: an item that would push one over Gmail's clip is skipped. */
  readonly digest: EditionSettings;
  readonly now: () => number;
  readonly log: Log;
  readonly metrics: Metrics;
}

/** What one feed came to (its outcome, core/feed-pull.ts), by language and URL. */
export interface FeedPullReport extends FeedPullOutcome {
  readonly language: Language;
  readonly url: string;
}

/** The outcome of pulling every configured feed for one edition. */
export interface PullFeedsResult {
  readonly edition: string;
  readonly feeds: FeedPullReport[];
}

/**
 * Pulls every configured feed of every language (in parallel; one that fails is reported by URL and blocks no
 * other) and imports the items dated in the edition's week as commentaries, identified by guid else link so that a
 * re-pull updates and never doubles. The feed's validators and body hash are stored after its items are.
 */
export async function pullFeeds(deps: PullFeedsDeps, input: { edition?: string } = {}): Promise<PullFeedsResult> {
  const edition = input.edition ?? editionAt(deps.now(), deps.settings.timeZone);
  const jobs = (Object.entries(deps.feeds) as [Language, readonly string[]][]).flatMap(([language, urls]) =>
    urls.map((url) => pullOne(deps, language, url, edition)),
  );
  const feeds = await Promise.all(jobs);
  const failed = feeds.filter((f) => f.status === 'failed').length;
  if (failed > 0) deps.metrics.count('FeedPullFailures', failed);
  return { edition, feeds };
}

async function pullOne(deps: PullFeedsDeps, language: Language, url: string, edition: string): Promise<FeedPullReport> {
  const report = await fetchOne(deps, language, url, edition);
  const { language: _l, url: _u, error, ...counts } = report;
  const record = { at: deps.now(), edition, ...counts, ...(error ? { error: error.slice(0, 500) } : {}) };
  // What the editors see of the pull (the desk's Feeds page); not being able to record it fails no pull.
  await deps.states.recordPull(url, record).catch((e: unknown) => {
    deps.log.error('feed pull not recorded', { language, url, message: (e as Error).message });
  });
  return report;
}

async function fetchOne(
  deps: PullFeedsDeps,
  language: Language,
  url: string,
  edition: string,
): Promise<FeedPullReport> {
  const report = { language, url, created: 0, updated: 0, unchanged: 0, skipped: 0, skippedBy: {} };
  try {
    const last = await deps.states.get(url);
    const same = last?.edition === edition ? last : undefined;
    const since = {
      ...(same?.etag ? { etag: same.etag } : {}),
      ...(same?.lastModified ? { lastModified: same.lastModified } : {}),
    };
    const fetched = await deps.fetcher.fetch(url, since);
    if (fetched.status === 'not-modified' || fetched.hash === same?.hash) return { ...report, status: 'not-modified' };
    const counts = await importEntries(deps, language, edition, parseFeedEntries(fetched.body, fetched.url));
    await deps.states.put({
      url,
      edition,
      hash: fetched.hash,
      pulledAt: deps.now(),
      ...(counts.skipped > 0 ? { skippedBy: counts.skippedBy } : {}),
      ...(fetched.etag ? { etag: fetched.etag } : {}),
      ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
    });
    return { ...report, ...counts, status: 'pulled' };
  } catch (error) {
    const message = (error as Error).message;
    deps.log.error('feed pull failed', { language, url, reason: (error as { reason?: string }).reason, message });
    return { ...report, status: 'failed', error: message };
  }
}

async function importEntries(
  deps: PullFeedsDeps,
  language: Language,
  edition: string,
  entries: ReturnType<typeof parseFeedEntries>,
) {
  const counts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skippedBy: {} as Partial<Record<FeedSkipReason, number>>,
  };
  const skip = (reason: FeedSkipReason) => {
    counts.skipped++;
    counts.skippedBy[reason] = (counts.skippedBy[reason] ?? 0) + 1;
  };
  const seen = new Set<string>();
  const candidates: Commentary[] = [];
  const stored = await deps.commentaries.listByEdition(edition);
  const items = new Map(stored.map((c) => [`${c.language}#${c.key}`, c]));
  // By normalised link, built once: a search of every item per entry made a pull of 20,000 items quadratic.
  const byLink = new Map(stored.map((c) => [`${c.language}#${normaliseLink(c.url)}`, c]));
  for (const entry of entries) {
    const outcome = commentaryFromEntry(entry, language, edition, deps.settings);
    if (!outcome.ok) {
      skip(outcome.reason);
      continue;
    }
    // The same guid twice in one feed: the first one counts; so does the first item of a link (one item per link).
    const c = seen.has(outcome.commentary.key)
      ? undefined
      : linked(items, byLink, outcome.commentary, deps.now() * 1000 + seen.size);
    seen.add(outcome.commentary.key);
    if (!c) skip('duplicate');
    else {
      candidates.push(c);
      items.set(`${c.language}#${c.key}`, c);
      byLink.set(`${c.language}#${normaliseLink(c.url)}`, c);
    }
  }
  const fitting = await fittingPrefix(deps, edition, stored, candidates);
  for (const c of candidates.slice(0, fitting)) counts[await deps.commentaries.put(c)]++;
  for (let i = fitting; i < candidates.length; i++) skip('digest-full');
  return counts;
}

/**
 * How many of `candidates`, in feed order, fit in the edition's digests with the stored items: once one would push
 * a digest over Gmail's clip, it and every later one are skipped. Found with few renders (doubling, then halving:
 * about 2 log2 n, none much larger than the digest can hold), as a render per item made a pull of 10,000 items take
 * 24 s.
 */
async function fittingPrefix(deps: PullFeedsDeps, edition: string, stored: Commentary[], candidates: Commentary[]) {
  const fits = async (n: number) => {
    const items = new Map(stored.map((c) => [`${c.language}#${c.key}`, c]));
    for (const c of candidates.slice(0, n)) items.set(`${c.language}#${c.key}`, c);
    return (await largestDigest(deps.digest, edition, [...items.values()])).bytes <= MAX_DIGEST_BYTES;
  };
  let fitting = 0;
  let over = candidates.length + 1;
  for (let n = 1; n < over; n = Math.min(n * 2, candidates.length)) {
    if (!(await fits(n))) over = n;
    else if (n === candidates.length) return n;
    else fitting = n;
  }
  while (over - fitting > 1) {
    const middle = Math.floor((fitting + over) / 2);
    if (await fits(middle)) fitting = middle;
    else over = middle;
  }
  return fitting;
}

/**
 * What a feed item comes to in its edition: the stored item of its guid updated (keeping its place in the import
 * order), a file's commentary with the same link (kept as the file says, with the feed's trend beside it), or a new
 * item at `arrived`; undefined when another feed item already has the link (one item per link).
 */
function linked(
  items: ReadonlyMap<string, Commentary>,
  byLink: ReadonlyMap<string, Commentary>,
  item: Commentary,
  arrived: number,
): Commentary | undefined {
  const same = items.get(`${item.language}#${item.key}`);
  if (same) return same.arrived === undefined ? item : { ...item, arrived: same.arrived };
  const found = byLink.get(`${item.language}#${normaliseLink(item.url)}`);
  const other = found && found.key !== item.key ? found : undefined;
  if (!other) return { ...item, arrived };
  return isFeedItem(other) ? undefined : feedUnder(other, item);
}
