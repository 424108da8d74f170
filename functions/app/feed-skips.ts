import type { FeedSkips } from '../../templates/editor-mails.ts';
import type { Language } from '../core/language.ts';
import type { FeedStateStore } from './ports/feed-state-store.ts';

/** Where the report finds what the feed pulls left out: the configured feeds and their last pull's state. */
export interface FeedSkipDeps {
  readonly feeds: Partial<Record<Language, readonly string[]>>;
  readonly states: Pick<FeedStateStore, 'get'>;
}

/**
 * For each configured feed whose last pull was of `edition`, the items it left out by reason, items dated in
 * another week aside (a feed holds many weeks); feeds that left nothing out are not listed. One read per feed.
 */
export async function feedSkipsOf(deps: FeedSkipDeps, edition: string): Promise<FeedSkips[]> {
  const feeds = (Object.entries(deps.feeds) as [Language, readonly string[]][]).flatMap(([language, urls]) =>
    urls.map((url) => ({ language, url })),
  );
  const states = await Promise.all(feeds.map((f) => deps.states.get(f.url)));
  const out: FeedSkips[] = [];
  for (const [i, feed] of feeds.entries()) {
    const state = states[i];
    if (state?.edition !== edition || !state.skippedBy) continue;
    const { 'out-of-week': _otherWeeks, ...skippedBy } = state.skippedBy;
    if (Object.values(skippedBy).some((n) => n > 0)) out.push({ ...feed, skippedBy });
  }
  return out;
}
