import { createHash } from 'node:crypto';
import type { ArchiveSummary } from '../functions/core/archive.ts';
import { escapeHtml } from '../functions/core/html.ts';
import type { Language } from '../functions/core/language.ts';
import { type Outlet, outletLine } from './common.ts';
import archiveTexts from './compiled/messages/archive.json' with { type: 'json' };
import brandTexts from './compiled/messages/brand.json' with { type: 'json' };
import digestTexts from './compiled/messages/digest.json' with { type: 'json' };
import trendTexts from './compiled/messages/trend.json' with { type: 'json' };
import type { DigestView } from './digest.ts';
import { webVersionUrl } from './digest.ts';
import { SERIF } from './digest-item.ts';
import { inLanguage, languageName, translator } from './messages.ts';
import { pageShell } from './page-shell.ts';
import { PAGE_STYLESHEET } from './page-style.ts';

const t = /* @__PURE__ */ translator(brandTexts, trendTexts, digestTexts, archiveTexts);

/** The pages' stylesheet plus the archive's serif headlines and listing. */
export const ARCHIVE_STYLESHEET = [
  PAGE_STYLESHEET,
  `h1,h2,.brand{font-family:${SERIF}}`,
  '.brand{font-size:1.375rem;letter-spacing:0;color:var(--fg)}',
  'article{border-top:1px solid var(--line);padding:1rem 0 .5rem}',
  '.topic{margin:0 0 .25rem;font-size:.8125rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}',
  'h2 a{color:var(--fg);text-decoration:none}h2 a:hover{text-decoration:underline}',
  'ol.editions{padding-left:0;list-style:none}ol.editions li{margin:0 0 1rem}',
  '.note{border-left:3px solid var(--line);padding-left:.875rem}',
].join('\n');

/** Headers of the archive's pages: no scripts, no external requests, cacheable for a while. */
export const ARCHIVE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(ARCHIVE_STYLESHEET).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

const archiveUrl = (publicUrl: string, lang: Language) => `${publicUrl}/archive/${lang}`;

function page(
  lang: Language,
  p: {
    title: string;
    description: string;
    canonical: string;
    alternates: Record<string, string>;
    body: string;
    feed?: string;
  },
): string {
  const brand = t(lang, 'brand');
  const links = Object.entries(p.alternates)
    .map(([code, href]) => `<link rel="alternate" hreflang="${code}" href="${escapeHtml(href)}">`)
    .join('\n');
  const feed = p.feed
    ? `\n<link rel="alternate" type="application/atom+xml" title="${escapeHtml(brand)}" href="${escapeHtml(p.feed)}">`
    : '';
  return pageShell(lang, {
    title: p.title,
    beforeTitle: `<meta name="description" content="${escapeHtml(p.description)}">`,
    afterTitle: `<link rel="canonical" href="${escapeHtml(p.canonical)}">\n${links}${feed}`,
    stylesheet: ARCHIVE_STYLESHEET,
    main: p.body,
  });
}

function otherLanguages(lang: Language, alternates: Record<string, string>): string {
  const others = Object.entries(alternates).filter(([code]) => code !== lang);
  if (others.length === 0) return '';
  const items = others.map(
    ([code, href]) =>
      `<a href="${escapeHtml(href)}" hreflang="${code}" lang="${code}">${escapeHtml(languageName(code as Language))}</a>`,
  );
  return `<p class="muted">${escapeHtml(t(lang, 'archive.alsoIn'))}: ${items.join(' · ')}</p>`;
}

function footer(lang: Language, outlet: Outlet): string {
  const line = outletLine(lang, outlet).html;
  return (
    `<p><a href="${escapeHtml(outlet.siteUrl)}">${escapeHtml(t(lang, 'archive.subscribe'))}</a></p>` +
    (line ? `<p class="muted">${line}</p>` : '')
  );
}

/** An edition's web version: the digest as sent, without any personal link; rendered once at dispatch. */
export function renderWebVersion(view: DigestView & { outlet: Outlet }, languages: readonly Language[]): string {
  const lang = view.language;
  const { publicUrl } = view.outlet;
  const alternates = Object.fromEntries(languages.map((l) => [l, webVersionUrl(publicUrl, l, view.edition)]));
  const count = t.plural(lang, 'digest.thisWeek', view.items.length);
  const articles = view.items.map((item) => {
    const trend = item.trend ? ` · ${escapeHtml(t(lang, `trend.${item.trend}`))}` : '';
    return (
      `<article><p class="topic">${escapeHtml(item.topic)}${trend}</p>` +
      `<h2><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a></h2>` +
      `<p>${item.leadHtml}</p><p><a href="${escapeHtml(item.url)}">${escapeHtml(t(lang, 'digest.readMore'))}</a></p></article>`
    );
  });
  const body =
    `<h1>${escapeHtml(t(lang, 'digest.title'))}</h1>` +
    `<p class="muted">${escapeHtml(view.dateRange)}</p>` +
    (view.note ? `<div class="note">${view.note.html}</div>` : '') +
    `<p class="muted">${escapeHtml(count)}</p>` +
    articles.join('') +
    `<p><a href="${escapeHtml(archiveUrl(publicUrl, lang))}">${escapeHtml(t(lang, 'archive.title'))}</a></p>` +
    otherLanguages(lang, alternates) +
    footer(lang, view.outlet);
  const title = `${t(lang, 'digest.title')}, ${view.dateRange}`;
  const description = view.items
    .map((i) => i.title)
    .join(' · ')
    .slice(0, 300);
  return page(lang, { title, description, canonical: alternates[lang] as string, alternates, body });
}

/** `/archive/{language}`: the editions sent in that language, newest first. */
export function renderArchiveIndex(
  lang: Language,
  entries: readonly ArchiveSummary[],
  outlet: Outlet,
  languages: readonly Language[],
): string {
  const alternates = Object.fromEntries(languages.map((l) => [l, archiveUrl(outlet.publicUrl, l)]));
  const brand = t(lang, 'brand');
  const list = entries.map(
    (e) =>
      `<li><a href="${escapeHtml(webVersionUrl(outlet.publicUrl, lang, e.edition))}">${escapeHtml(e.title)}</a>` +
      `<br><span class="muted">${escapeHtml(e.summary)}</span></li>`,
  );
  const feed = `${archiveUrl(outlet.publicUrl, lang)}/feed.xml`;
  const description = t(lang, 'archive.description', { brand, language: inLanguage(lang, lang) });
  const body =
    `<h1>${escapeHtml(t(lang, 'archive.title'))}</h1><p>${escapeHtml(description)}</p>` +
    (list.length > 0
      ? `<ol class="editions">${list.join('')}</ol>`
      : `<p>${escapeHtml(t(lang, 'archive.empty'))}</p>`) +
    `<p><a href="${escapeHtml(feed)}" type="application/atom+xml">${escapeHtml(t(lang, 'archive.feed'))}</a></p>` +
    otherLanguages(lang, alternates) +
    footer(lang, outlet);
  return page(lang, {
    title: t(lang, 'archive.title'),
    description,
    canonical: alternates[lang] as string,
    alternates,
    body,
    feed,
  });
}
