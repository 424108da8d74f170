import { t, tp } from '../functions/core/i18n.ts';
import type { Language } from '../functions/core/language.ts';
import { commonValues } from './common.ts';
import digestLayout from './compiled/digest.json' with { type: 'json' };
import { escapeHtml, fillTemplate, type RenderedEmail } from './fill.ts';
import { MANAGE_URL_PLACEHOLDER } from './personalize.ts';

/** One commentary in the digest; `leadHtml` is trusted inline HTML, every other field is plain text. */
export interface DigestItemView {
  topic: string;
  trend?: 'better' | 'worse' | 'unchanged';
  title: string;
  leadHtml: string;
  leadText: string;
  url: string;
  sample?: boolean;
}

/** One edition's digest in one reader language; `fallbackLanguage` is set when the items are in another one. */
export interface DigestView {
  language: Language;
  edition: string;
  dateRange: string;
  items: DigestItemView[];
  fallbackLanguage?: Language;
}

// Badge colours carry white text at AA contrast and read the same on light and dark backgrounds.
const TRENDS = {
  better: { symbol: '▲', colour: '#1a7f37' },
  worse: { symbol: '▼', colour: '#c62828' },
  unchanged: { symbol: '●', colour: '#57606a' },
} as const;

const S = {
  item: 'border-top:1px solid #d0d7de;padding:20px 0 16px;',
  meta: 'margin:0 0 8px;font-size:13px;line-height:1.6;color:#57606a;text-transform:uppercase;letter-spacing:0.04em;',
  badge:
    'display:inline-block;padding:1px 8px;border-radius:10px;color:#ffffff;font-size:12px;font-weight:700;' +
    'line-height:1.6;text-transform:none;letter-spacing:0;white-space:nowrap;',
  notice: 'margin:0 0 10px;padding:8px 12px;border-radius:4px;background-color:#fff8c5;color:#3d3200;font-size:14px;',
  title: 'margin:0 0 8px;font-size:20px;line-height:1.3;font-weight:700;',
  titleLink: 'color:#1f2328;text-decoration:none;',
  lead: 'margin:0 0 10px;',
  more: 'margin:0;',
  moreLink: 'color:#0b57d0;font-weight:600;',
};

function trendBadge(lang: Language, trend: DigestItemView['trend']): { html: string; text: string } {
  if (!trend) return { html: '', text: '' };
  const { symbol, colour } = TRENDS[trend];
  const label = t(lang, `trend.${trend}`);
  const html = ` <span style="${S.badge}background-color:${colour};"><span aria-hidden="true">${symbol}</span> ${escapeHtml(label)}</span>`;
  return { html, text: `${symbol} ${label}` };
}

function renderItem(lang: Language, item: DigestItemView): { html: string; text: string } {
  const badge = trendBadge(lang, item.trend);
  const url = escapeHtml(item.url);
  const readMore = t(lang, 'digest.readMore');
  const sample = item.sample ? t(lang, 'sample.notice') : '';
  const html =
    `<div class="nl-item" style="${S.item}">` +
    `<p class="nl-muted" style="${S.meta}">${escapeHtml(item.topic)}${badge.html}</p>` +
    (sample ? `<p class="nl-notice" style="${S.notice}">${escapeHtml(sample)}</p>` : '') +
    `<h2 style="${S.title}"><a href="${url}" style="${S.titleLink}">${escapeHtml(item.title)}</a></h2>` +
    `<p style="${S.lead}">${item.leadHtml}</p>` +
    `<p style="${S.more}"><a href="${url}" style="${S.moreLink}">${escapeHtml(readMore)}&nbsp;→</a></p>` +
    '</div>\n';
  const meta = badge.text ? `${item.topic} · ${badge.text}` : item.topic;
  const text = [meta, sample && `[${sample}]`, item.title, item.leadText, `${readMore}: ${item.url}`];
  return { html, text: text.filter(Boolean).join('\n') };
}

function assertNoPlaceholder(view: DigestView): void {
  for (const item of view.items) {
    for (const value of [item.topic, item.title, item.leadHtml, item.leadText, item.url]) {
      if (value.includes(MANAGE_URL_PLACEHOLDER)) throw new Error(`Digest content contains ${MANAGE_URL_PLACEHOLDER}`);
    }
  }
}

/** Renders one edition's digest for one language, once; the result holds MANAGE_URL_PLACEHOLDER for personalizing. */
export function renderDigest(view: DigestView): RenderedEmail {
  assertNoPlaceholder(view);
  const lang = view.language;
  const common = commonValues(lang);
  const brand = common.brand as string;
  const range = view.dateRange;
  const count = tp(lang, 'digest.count', view.items.length);
  const heading = t(lang, 'digest.title');
  const subject = t(lang, 'digest.subject', { brand, range });
  const notice = view.fallbackLanguage
    ? t(lang, 'digest.fallback', { language: t(lang, `language.in.${view.fallbackLanguage}`) })
    : '';
  const reason = t(lang, 'digest.footer.reason', { brand, language: t(lang, `language.list.${lang}`) });
  const manage = t(lang, 'common.manage');
  const items = view.items.map((item) => renderItem(lang, item));
  const itemsHtml =
    items.length > 0 ? items.map((i) => i.html).join('') : `<p>${escapeHtml(t(lang, 'digest.empty'))}</p>`;
  const html = fillTemplate(digestLayout, {
    ...common,
    title: subject,
    preheader: t(lang, 'digest.preheader', { items: count, range }),
    heading,
    range,
    count,
    notice: notice && `<p class="nl-notice" style="${S.notice}">${escapeHtml(notice)}</p>`,
    items: itemsHtml,
    reason,
    manage,
    manageUrl: MANAGE_URL_PLACEHOLDER,
  });
  const text = [
    `${brand}\n${heading}, ${range}\n${count}`,
    notice,
    ...(items.length > 0 ? items.map((i) => i.text) : [t(lang, 'digest.empty')]),
    `--\n${reason}\n${manage}: ${MANAGE_URL_PLACEHOLDER}`,
  ];
  return { subject, html, text: `${text.filter(Boolean).join('\n\n')}\n` };
}
