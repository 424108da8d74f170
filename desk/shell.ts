// The frame every page shares: header (name, navigation, language, who is signed in, sign out), the page's main
// region and the status line that says what each action did.
import { showError, who } from './api.ts';
import { fill, h } from './dom.ts';
import { LANGUAGES, language, languageName, setLanguage, t } from './i18n.ts';
import type { DeskPage } from './pages/page.ts';
import { PAGES } from './pages/registry.ts';

let leave: (() => void) | undefined;

function route(): { page: DeskPage; params: string[] } {
  const [id = '', ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const page = PAGES.find((p) => p.id === id) ?? (PAGES[0] as DeskPage);
  return { page, params };
}

function header(current: DeskPage, onSignOut: () => void): HTMLElement {
  const { email, groups } = who();
  const visible = PAGES.filter((p) => !p.groups || p.groups.some((g) => groups.includes(g)));
  const picker = h(
    'select',
    {
      id: 'desk-language',
      onchange: (e: Event) => {
        setLanguage((e.target as HTMLSelectElement).value as (typeof LANGUAGES)[number]);
        void show();
      },
    },
    LANGUAGES.map((code) =>
      h('option', { value: code, selected: code === language(), lang: code }, languageName(code)),
    ),
  );
  return h(
    'header',
    { class: 'bar' },
    h('p', { class: 'brand' }, t('desk.title')),
    h(
      'nav',
      { 'aria-label': t('nav.label') },
      h(
        'ul',
        null,
        visible.map((p) =>
          h('li', null, h('a', { href: `#/${p.id}`, 'aria-current': p === current ? 'page' : null }, t(p.title))),
        ),
      ),
    ),
    h(
      'div',
      { class: 'who' },
      h('label', { for: 'desk-language' }, t('language.label')),
      picker,
      email && h('span', null, t('signedIn', { email, role: groups.join(', ') || '—' })),
      h('button', { type: 'button', onclick: onSignOut }, t('signOut')),
    ),
  );
}

let signOutHandler: () => void = () => {};

/** Renders the shell and the page the URL names; on `hashchange` again. */
export async function show(): Promise<void> {
  leave?.();
  leave = undefined;
  const { page, params } = route();
  const app = document.getElementById('app') as HTMLElement;
  const main = h('main', { id: 'main', tabindex: -1 });
  const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite', class: 'status' });
  fill(app, header(page, signOutHandler), status, main);
  document.title = `${t(page.title)} · ${t('desk.title')}`;
  try {
    leave = (await page.render(main, params)) ?? undefined;
  } catch (e) {
    showError(e);
  }
}

export function startShell(onSignOut: () => void): void {
  signOutHandler = onSignOut;
  setLanguage(language());
  window.addEventListener('hashchange', () => {
    void show().then(() => document.getElementById('main')?.focus());
  });
  void show();
}
