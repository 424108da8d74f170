// This week: the edition's items per language (order, remove/restore, note, preview) and its sending (test copy,
// hold/release, send with confirmation), all through the editors' API.
import { ApiError, api } from '../api.ts';
import { announce, fill, h } from '../dom.ts';
import { editionOf } from '../edition.ts';
import { LANGUAGES, t, when } from '../i18n.ts';
import type { Report, Week } from '../types.ts';
import type { DeskPage } from './page.ts';
import { weekActions } from './week-actions.ts';
import { languageSection } from './week-items.ts';

/** The week, or (on an API without the week route yet) the report with no items. */
async function loadWeek(edition: string): Promise<{ week: Week; itemsKnown: boolean }> {
  try {
    return { week: await api<Week>('GET', `editions/${edition}/week`), itemsKnown: true };
  } catch (e) {
    // An unknown edition is a 404 too, with its code; a route this API lacks is not.
    if (!(e instanceof ApiError) || e.status !== 404 || e.code === 'unknown_edition') throw e;
    const report = await api<Report>('GET', `editions/${edition}`);
    const languages = Object.fromEntries(LANGUAGES.map((l) => [l, { note: null, items: [] }]));
    return { week: { ...report, languages }, itemsKnown: false };
  }
}

function scheduleLine(week: Week): string {
  if (week.status !== 'not-started') return t(`status.${week.status}` as 'status.dispatched');
  if (week.held) return t('week.held');
  const next = week.schedule?.next;
  if (next === undefined) return t('status.not-started');
  const ms = typeof next === 'number' ? next : Date.parse(next);
  return t('week.next', { when: when(ms, week.schedule?.timeZone), zone: week.schedule?.timeZone ?? '' });
}

/** Renders the page into `main`; `reload` (after each change) keeps the focus on the control of the same id. */
async function render(main: HTMLElement, edition: string): Promise<void> {
  const focused = document.activeElement?.id;
  const { week, itemsKnown } = await loadWeek(edition);
  const reload = () => render(main, edition);
  const started = week.status !== 'not-started';
  fill(
    main,
    h('h1', null, t('week.heading', { edition: week.edition })),
    h('p', { class: week.held ? 'state held' : 'state', id: 'week-state' }, scheduleLine(week)),
    weekActions(week, reload),
    !itemsKnown && h('p', { class: 'note' }, t('week.noItemsRoute')),
    Object.entries(week.languages).map(([lang, content]) =>
      languageSection({ edition: week.edition, lang, content, started, reload }),
    ),
  );
  // An item moved to an end has its arrow disabled: the focus goes to its other arrow.
  const twin = focused?.replace(/^(up|down)-/, (_, d: string) => (d === 'up' ? 'down-' : 'up-'));
  for (const id of [focused, twin]) {
    const el = id ? (document.getElementById(id) as HTMLButtonElement | null) : null;
    if (el && !el.disabled) {
      el.focus();
      break;
    }
  }
}

export const weekPage: DeskPage = {
  id: 'week',
  title: 'page.week',
  async render(main, params) {
    const edition = editionOf(params);
    try {
      await render(main, edition);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      fill(main, h('h1', null, t('week.heading', { edition })), h('p', null, t('week.empty')));
      announce(e.message, 'error');
    }
    return undefined;
  },
};
