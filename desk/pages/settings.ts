// Settings (read-only): schedule and time zone, languages, feeds, editors, the sender and SES's word on it.
import { api } from '../api.ts';
import { fill, h } from '../dom.ts';
import { type Language, languageName, t, when } from '../i18n.ts';
import type { DeskPage } from './page.ts';

interface Settings {
  readonly schedule: { readonly next: string | null; readonly timeZone: string; readonly cron: string };
  readonly languages: readonly string[];
  readonly feeds: Record<string, readonly string[]>;
  readonly editors: readonly string[];
  readonly sender: { readonly from: string; readonly identity: string | null; readonly verified: boolean | null };
}

const row = (term: string, ...detail: (Node | string | false | null)[]) => [
  h('dt', null, term),
  h('dd', null, ...detail),
];
const list = (items: readonly string[], none: string) =>
  items.length === 0
    ? none
    : h(
        'ul',
        null,
        items.map((i) => h('li', null, i)),
      );

export const settingsPage: DeskPage = {
  id: 'settings',
  title: 'page.settings',
  async render(main) {
    const s = await api<Settings>('GET', 'settings');
    const feeds = Object.entries(s.feeds).flatMap(([lang, urls]) =>
      urls.map((u) => `${languageName(lang as Language)}: ${u}`),
    );
    const verified =
      s.sender.verified === null ? 'settings.unknown' : s.sender.verified ? 'settings.verified' : 'settings.unverified';
    fill(
      main,
      h('h1', null, t('page.settings')),
      h('p', null, t('settings.readOnly')),
      h(
        'dl',
        { class: 'settings' },
        row(
          t('settings.schedule'),
          s.schedule.next ? t('settings.next', { when: when(Date.parse(s.schedule.next), s.schedule.timeZone) }) : '',
          ' ',
          h('code', null, s.schedule.cron),
        ),
        row(t('settings.timeZone'), s.schedule.timeZone),
        row(t('settings.languages'), s.languages.map((l) => languageName(l as Language)).join(', ')),
        row(t('settings.feeds'), list(feeds, t('settings.none'))),
        row(t('settings.editors'), list(s.editors, t('settings.none'))),
        row(t('settings.sender'), s.sender.from),
        row(
          t('settings.identity'),
          s.sender.identity ?? '',
          ' ',
          h('span', { id: 'sender-verified', class: verified }, t(verified)),
        ),
      ),
    );
    return undefined;
  },
};
