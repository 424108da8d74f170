// Readers: counts per language and status, new and left readers per week (a table with bars); for the data role
// only, one reader looked up by address (masked), exported as a download and erased after a confirmation, and a list
// imported from a file (reader-import.ts).
import { api, who } from '../api.ts';
import { fill, h } from '../dom.ts';
import { type Language, languageName, num, t } from '../i18n.ts';
import type { DeskPage } from './page.ts';
import { readerImport } from './reader-import.ts';
import { readerLookup } from './reader-lookup.ts';

interface ReaderStats {
  readonly total: number;
  readonly languages: Record<string, Record<string, number>>;
  readonly weeks?: readonly { readonly week: string; readonly confirmed: number; readonly unsubscribed: number }[];
}

const STATUSES = ['confirmed', 'pending', 'unsubscribed', 'bounced', 'complained', 'expired'] as const;
const SVG = 'http://www.w3.org/2000/svg';

/** A bar of `value` out of `max` (decorative: the number beside it says the same). */
function bar(value: number, max: number, kind: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ width: '100', height: '12', 'aria-hidden': 'true', class: 'bar-chart' }))
    svg.setAttribute(k, v);
  const rect = document.createElementNS(SVG, 'rect');
  const fill = kind === 'new' ? '#14532d' : '#991b1b';
  for (const [k, v] of Object.entries({ width: String(max > 0 ? (100 * value) / max : 0), height: '12', fill }))
    rect.setAttribute(k, v);
  svg.append(rect);
  return svg;
}

function countsTable(stats: ReaderStats): HTMLElement {
  const shown = STATUSES.filter((s) => Object.values(stats.languages).some((row) => (row[s] ?? 0) > 0));
  const columns = shown.length > 0 ? shown : (['confirmed'] as const);
  return h(
    'div',
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('readers.counts') },
    h(
      'table',
      { id: 'reader-counts' },
      h('caption', null, t('readers.counts')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('report.language')),
          columns.map((s) => h('th', { scope: 'col' }, t(`reader.${s}`))),
        ),
      ),
      h(
        'tbody',
        null,
        Object.entries(stats.languages).map(([lang, row]) =>
          h(
            'tr',
            { 'data-language': lang },
            h('th', { scope: 'row' }, languageName(lang as Language)),
            columns.map((s) => h('td', { 'data-status': s }, num(row[s] ?? 0))),
          ),
        ),
      ),
    ),
  );
}

function weeksTable(weeks: NonNullable<ReaderStats['weeks']>): HTMLElement {
  const max = Math.max(1, ...weeks.flatMap((w) => [w.confirmed, w.unsubscribed]));
  return h(
    'div',
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('readers.weeks') },
    h(
      'table',
      { id: 'reader-weeks', class: 'chart' },
      h('caption', null, t('readers.weeks')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('readers.week')),
          h('th', { scope: 'col' }, t('readers.new')),
          h('th', { scope: 'col' }, t('readers.left')),
        ),
      ),
      h(
        'tbody',
        null,
        weeks.map((w) =>
          h(
            'tr',
            { 'data-week': w.week },
            h('th', { scope: 'row' }, w.week),
            h('td', { 'data-count': 'new' }, bar(w.confirmed, max, 'new'), ' ', num(w.confirmed)),
            h('td', { 'data-count': 'left' }, bar(w.unsubscribed, max, 'left'), ' ', num(w.unsubscribed)),
          ),
        ),
      ),
    ),
  );
}

export const readersPage: DeskPage = {
  id: 'readers',
  title: 'page.readers',
  async render(main) {
    const data = who().groups.includes('data');
    const [stats, settings] = await Promise.all([
      api<ReaderStats>('GET', 'stats'),
      data ? api<{ languages: readonly string[] }>('GET', 'settings') : undefined,
    ]);
    fill(
      main,
      h('h1', null, t('page.readers')),
      h('p', { id: 'reader-total' }, t('readers.total', { count: stats.total })),
      countsTable(stats),
      stats.weeks && weeksTable(stats.weeks),
      // Only the data requests' role may look a reader up; the editors' role is not offered it (the API says 403).
      data ? readerLookup() : h('p', null, t('readers.dataOnly')),
      settings && readerImport(settings.languages),
    );
    return undefined;
  },
};
