// Editions: past and running editions with their report per language; a running send's report updates by itself.

import { previousEdition } from '../../functions/core/edition.ts';
import { ApiError, api } from '../api.ts';
import { fill, h } from '../dom.ts';
import { editionOf } from '../edition.ts';
import { type Language, languageName, num, t } from '../i18n.ts';
import { REPORT_COUNTS, type Report } from '../types.ts';
import type { DeskPage } from './page.ts';

const POLL_MS = 2000;

/** The editions, newest first (GET /admin/editions; on an API without it yet, the reports of the last 8 weeks). */
async function listEditions(): Promise<Report[]> {
  try {
    return (await api<{ editions: Report[] }>('GET', 'editions')).editions;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const weeks = [editionOf([])];
  while (weeks.length < 8) weeks.push(previousEdition(weeks[weeks.length - 1] as string));
  const reports = await Promise.all(
    weeks.map((w) =>
      api<Report>('GET', `editions/${w}`).catch((e) =>
        e instanceof ApiError && e.status === 404 ? undefined : Promise.reject(e),
      ),
    ),
  );
  return reports.filter((r): r is Report => r !== undefined);
}

/** Still moving: dispatching, or sent but with deliveries not yet settled. */
export function running(r: Report): boolean {
  return (
    r.status === 'dispatching' ||
    (r.status === 'dispatched' && Object.values(r.languages).some((l) => (l.pending ?? 0) > 0))
  );
}

function statusText(r: Report): string {
  const status = t(`status.${r.status}` as 'status.dispatched');
  return r.held ? `${status} · ${t('status.held')}` : status;
}

function reportTable(r: Report): HTMLElement {
  const langs = Object.keys(r.languages);
  return h(
    'div',
    // Focusable, so a keyboard can scroll the table on a phone.
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('report.caption', { edition: r.edition }) },
    h(
      'table',
      { class: 'report' },
      h('caption', null, t('report.caption', { edition: r.edition })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('report.language')),
          REPORT_COUNTS.map((c) => h('th', { scope: 'col' }, t(`report.${c}`))),
        ),
      ),
      h(
        'tbody',
        null,
        langs.map((lang) => {
          const row = r.languages[lang] ?? {};
          return h(
            'tr',
            { 'data-language': lang },
            h('th', { scope: 'row' }, languageName(lang as Language)),
            REPORT_COUNTS.map((c) => h('td', { 'data-count': c }, num(row[c] ?? 0))),
          );
        }),
      ),
    ),
  );
}

function progress(r: Report): HTMLElement[] {
  return Object.entries(r.languages).map(([lang, l]) =>
    h(
      'p',
      { class: 'progress' },
      h('label', { for: `progress-${lang}` }, languageName(lang as Language)),
      h('progress', {
        id: `progress-${lang}`,
        max: Math.max(1, l.planned ?? 0),
        value: (l.sent ?? 0) + (l.failed ?? 0) + (l.skipped ?? 0),
      }),
    ),
  );
}

/** One edition's report, polled every two seconds while it runs. */
function showEdition(main: HTMLElement, edition: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    const r = await api<Report>('GET', `editions/${edition}`);
    if (stopped) return;
    const live = running(r);
    fill(
      main,
      h('p', null, h('a', { href: '#/editions' }, t('editions.back'))),
      h('h1', null, t('editions.one', { edition })),
      h('p', { id: 'edition-state', 'aria-live': 'polite' }, statusText(r), live ? ` · ${t('editions.live')}` : ''),
      live && progress(r),
      reportTable(r),
    );
    if (live) timer = setTimeout(() => void tick().catch(() => undefined), POLL_MS);
  };
  void tick().catch((e) => {
    fill(main, h('h1', null, t('editions.one', { edition })), h('p', { role: 'alert' }, (e as Error).message));
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export const editionsPage: DeskPage = {
  id: 'editions',
  title: 'page.editions',
  async render(main, params) {
    if (params[0]) return showEdition(main, params[0]);
    const editions = await listEditions();
    fill(
      main,
      h('h1', null, t('page.editions')),
      editions.length === 0
        ? h('p', null, t('editions.none'))
        : h(
            'ul',
            { class: 'editions' },
            editions.map((r) =>
              h(
                'li',
                null,
                h('a', { href: `#/editions/${r.edition}` }, r.edition),
                ' ',
                h('span', null, statusText(r)),
                reportTable(r),
              ),
            ),
          ),
    );
    return undefined;
  },
};
