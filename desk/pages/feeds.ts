// Feeds: each configured feed's last pull (when, what came, what was skipped and why, the failure), and pull now.
import type { FeedPullOutcome } from '../../functions/core/feed-pull.ts';
import { api, showError } from '../api.ts';
import { announce, fill, h } from '../dom.ts';
import { type Language, languageName, num, t, when } from '../i18n.ts';
import type { DeskPage } from './page.ts';

interface FeedView {
  readonly language: string;
  readonly url: string;
  readonly lastPull: null | (FeedPullOutcome & { readonly at: string; readonly edition: string });
  readonly lastImport: null | { readonly at: string; readonly edition: string };
}

function feedItem(f: FeedView): HTMLElement {
  const p = f.lastPull;
  const skipped = p
    ? Object.entries(p.skippedBy).map(([why, n]) => h('li', null, t('feeds.skippedWhy', { why, count: n })))
    : [];
  return h(
    'li',
    { class: 'feed', 'data-url': f.url },
    h('h2', null, languageName(f.language as Language), ': ', h('span', { class: 'url' }, f.url)),
    !p
      ? h('p', null, t('feeds.never'))
      : [
          h(
            'p',
            { class: `pull-${p.status}` },
            t(`feeds.status.${p.status}`, { when: when(Date.parse(p.at)), edition: p.edition }),
          ),
          p.error && h('p', { class: 'error' }, t('feeds.error', { error: p.error })),
          p.status === 'pulled' &&
            h(
              'p',
              null,
              t('feeds.came', { created: num(p.created), updated: num(p.updated), unchanged: num(p.unchanged) }),
            ),
          p.skipped > 0 && [h('p', null, t('feeds.skipped', { count: p.skipped })), h('ul', null, skipped)],
        ],
    f.lastImport && h('p', null, t('feeds.lastImport', { when: when(Date.parse(f.lastImport.at)) })),
  );
}

async function show(main: HTMLElement): Promise<void> {
  const { feeds } = await api<{ feeds: FeedView[] }>('GET', 'feeds');
  const pull = async () => {
    const button = document.getElementById('feeds-pull') as HTMLButtonElement | null;
    if (button) button.disabled = true;
    try {
      const result = await api<{ edition: string; feeds: FeedPullOutcome[] }>('POST', 'feeds/pull');
      const created = result.feeds.reduce((n, f) => n + f.created, 0);
      const failed = result.feeds.filter((f) => f.status === 'failed').length;
      await show(main);
      announce(t('done.pulled', { edition: result.edition, created, failed }));
    } catch (e) {
      if (button) button.disabled = false;
      showError(e);
    }
  };
  fill(
    main,
    h('h1', null, t('page.feeds')),
    feeds.length === 0
      ? h('p', null, t('feeds.none'))
      : [
          h(
            'p',
            null,
            h('button', { type: 'button', id: 'feeds-pull', class: 'primary', onclick: pull }, t('feeds.pull')),
          ),
          h('ul', { class: 'feeds' }, feeds.map(feedItem)),
        ],
  );
}

export const feedsPage: DeskPage = {
  id: 'feeds',
  title: 'page.feeds',
  async render(main) {
    await show(main);
    return undefined;
  },
};
