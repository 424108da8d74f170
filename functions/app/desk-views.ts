import type { Language } from '../core/language.ts';
import type { EditionSettings } from './digest.ts';
import type { FeedStateStore } from './ports/feed-state-store.ts';
import type { SenderVerification } from './ports/sender-verification.ts';
import { type ScheduleSettings, scheduleView } from './week.ts';

/** The configured feeds, language by language. */
export type FeedList = Partial<Record<Language, readonly string[]>>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Each configured feed with its last pull (when, for which edition, what came: created, updated, unchanged; what was
 * skipped, by reason; the failure) and its last successful import; null before the first. Two reads per feed.
 */
export async function feedsView(deps: { feeds: FeedList; states: Pick<FeedStateStore, 'get' | 'lastPull'> }) {
  const list = (Object.entries(deps.feeds) as [Language, readonly string[]][]).flatMap(([language, urls]) =>
    urls.map((url) => ({ language, url })),
  );
  const feeds = await Promise.all(
    list.map(async ({ language, url }) => {
      const [state, last] = await Promise.all([deps.states.get(url), deps.states.lastPull(url)]);
      return {
        language,
        url,
        lastPull: last ? { ...last, at: iso(last.at) } : null,
        lastImport: state ? { at: iso(state.pulledAt), edition: state.edition } : null,
      };
    }),
  );
  return { feeds };
}

/** What the settings page shows: the configuration the functions run with, and SES's word on the sender. */
export interface SettingsDeps {
  readonly schedule: ScheduleSettings;
  readonly settings: EditionSettings;
  readonly feeds: FeedList;
  /** EDITOR_EMAILS: the staff who get the preview and the report (not readers). */
  readonly editors: readonly string[];
  /** SENDER_EMAIL as configured (`Name <address>` or an address) and the From names per language. */
  readonly from: { readonly address: string; readonly names: Partial<Record<Language, string>> };
  readonly sender: SenderVerification;
  readonly now: () => number;
}

/** The settings, read-only; SES's answer on the sender's identity, or `verified: null` with why it is unknown. */
export async function settingsView(deps: SettingsDeps) {
  const verification = await deps.sender.check().then(
    (v) => ({ identity: v.identity, verified: v.verified }),
    (e: unknown) => ({ identity: null, verified: null, error: (e as Error).message.slice(0, 300) }),
  );
  return {
    schedule: scheduleView(deps.schedule, deps.now()),
    languages: deps.settings.languages,
    fallbacks: deps.settings.fallbacks,
    feeds: deps.feeds,
    editors: deps.editors,
    sender: { from: deps.from.address, names: deps.from.names, ...verification },
  };
}
