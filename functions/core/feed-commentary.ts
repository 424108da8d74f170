import { createHash } from 'node:crypto';
import type { Commentary, Trend } from './commentary.ts';
import { editionOfDate, isIsoDate } from './edition.ts';
import type { FeedEntry } from './feed.ts';
import type { FeedSkipReason } from './feed-pull.ts';
import type { Language } from './language.ts';
import { cutLead } from './safe-text.ts';

/** How feed items become commentaries. */
export interface FeedImportSettings {
  /** Editions and dates are counted in this IANA time zone. */
  readonly timeZone: string;
  /** Optional map from a category (compared case-insensitively) to the trend it stands for. */
  readonly trends?: Readonly<Record<string, Trend>>;
  /** About how many characters a lead may have (default 400). */
  readonly leadMax?: number;
}

/** Why an item was not imported (declared with the pull's outcome, which counts them). */
export type SkipReason = FeedSkipReason;

/** One feed item: a commentary of the edition, or skipped with the reason. */
export type ItemOutcome = { ok: true; commentary: Commentary } | { ok: false; reason: SkipReason };

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (YYYY-MM-DD) of instant `epochMs` in `timeZone`. */
export function localDate(epochMs: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const part = (type: string) => format.formatToParts(epochMs).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A feed item's identity: `feed-` and 16 hex digits of the SHA-256 of its guid, else of its link. */
export function feedItemKey(entry: Pick<FeedEntry, 'guid' | 'link'>): string {
  const identity = entry.guid ?? entry.link ?? '';
  return `feed-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Turns one feed item into a commentary of `edition` in `language`: its date and edition in the configured time
 * zone (an item dated outside the week is skipped), the first category that is not a trend as topic, a mapped
 * category as trend, and the text cut to about 400 characters as lead (plain text: stored escaped for HTML).
 */
export function commentaryFromEntry(
  entry: FeedEntry,
  language: Language,
  edition: string,
  settings: FeedImportSettings,
): ItemOutcome {
  if (!entry.link) return { ok: false, reason: 'no-link' };
  if (!entry.title) return { ok: false, reason: 'no-title' };
  if (entry.date === undefined) return { ok: false, reason: 'no-date' };
  const date = localDate(entry.date, settings.timeZone);
  // A year outside 1000-9999 (Hugo's zero time 0001, a "never" of 9999-12-31 that is 10000 east of UTC) has no
  // ISO date: no week of ours either.
  if (!isIsoDate(date) || editionOfDate(date) !== edition) return { ok: false, reason: 'out-of-week' };
  const trends = new Map(Object.entries(settings.trends ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const trend = entry.categories.map((c) => trends.get(c.toLowerCase())).find((t) => t !== undefined);
  const topic = entry.categories.find((c) => !trends.has(c.toLowerCase()));
  if (!topic) return { ok: false, reason: 'no-topic' };
  const lead = cutLead(entry.text || entry.title, settings.leadMax ?? 400);
  const commentary: Commentary = {
    key: feedItemKey(entry),
    language,
    edition,
    date,
    title: entry.title.slice(0, 300),
    topic: topic.slice(0, 200),
    url: entry.link,
    lead,
    leadHtml: escapeHtml(lead),
    leadText: lead,
    body: lead,
  };
  if (trend) commentary.trend = trend;
  return { ok: true, commentary };
}
